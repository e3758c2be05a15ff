/**
 * A disk spool: an append-only queue of records in segment files, read back in order and released once
 * the broker has confirmed them.
 *
 * <pre>
 *  writer thread                                   publisher thread
 *  append(key, events, body) ──> [seg 0][seg 4096][seg 8192 (active)] ──> SpoolReader.next() ──> broker
 *                                 ^ committed position (persisted)          commit(end) on confirm
 * </pre>
 *
 * <p>Layout of a spool directory: segment files named by the global byte offset of their first record
 * ({@code 00000000000000004096.seg}), a {@code committed} file holding the position up to which the broker
 * confirmed everything, and {@code spool.id}, a random id that names this spool in message ids. A record
 * is a 16-byte header (magic, payload length, event count, CRC32C of length, count and payload) followed
 * by its payload (routing key length, routing key, body). A torn or corrupted record fails its checksum;
 * readers skip forward to the next valid header, so records on both sides of the damage are kept, and the
 * skipped bytes are counted and reported.
 *
 * <p>Public entry types: {@link dev.spool.amqp.spool.DiskSpool}, {@link dev.spool.amqp.spool.SpoolReader},
 * {@link dev.spool.amqp.spool.SpoolFullPolicy}.
 */
package dev.spool.amqp.spool;
