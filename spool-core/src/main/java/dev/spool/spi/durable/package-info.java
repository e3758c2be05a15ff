/**
 * The durable queue: the one building block a destination uses to keep what it has accepted until the
 * receiver acknowledges it, across crashes and restarts. Used by the {@code forward} and {@code amqp}
 * destinations.
 *
 * <pre>
 *  appending thread                                      reading thread
 *  append(payload, events) ──> [seg 0][seg 4096][seg 8192 (active)] ──> reader().next() ──> receiver
 *                               ^ committed position (persisted)         commit(end, events) on its ack
 * </pre>
 *
 * <p>A queue is a directory: segment files named by the global byte position of their first record
 * ({@code 00000000000000004096.seg}), {@code committed} (the position up to which everything was
 * acknowledged, written with its complement so a torn write is recognised), {@code spool.id} (a random
 * id naming the queue, stable across restarts) and {@code spool.lock} (held while the queue is open). A
 * record is a 16-byte header (big-endian magic {@code SPL1}, payload length, event count, CRC32C of
 * length, count and payload) followed by the payload, which the queue never interprets.
 *
 * <p>Recovery: on open, segments wholly before the committed position are deleted, every remaining
 * record's checksum is checked, and appending starts in a fresh segment, so a torn tail is never written
 * after. A reader skips bytes that fail their checksum (a torn tail, a damaged record in the middle) up
 * to the next record that checks out; records on both sides are kept and the skipped bytes counted.
 *
 * <p>Public entry types: {@link dev.spool.spi.durable.DurableQueue} (with its
 * {@link dev.spool.spi.durable.DurableQueue.Reader}) and {@link dev.spool.spi.durable.QueueSettings}.
 */
package dev.spool.spi.durable;
