/**
 * The {@code amqp} destination: events leave the host through RabbitMQ without being lost.
 *
 * <pre>
 *  writer thread                         disk                      publisher thread (spool-amqp-1)
 *  write: JSON line -> batch per   flush: sealed batches   read in order, publish (mandatory, persistent,
 *         (service, level)   ──────────> DurableQueue ───────> confirms, bounded outstanding) ──> exchange
 *                                             ^                     │
 *                                             └─ commit on confirm ─┘   failure: rewind, backoff, resend
 * </pre>
 *
 * <p>The writer thread never waits on the network: its worst case is a disk append, or, with the
 * {@code block} full-spool policy, a bounded wait for space. The publisher owns the connection, declares
 * the topology on every (re)connect and reconnects forever with exponential backoff and jitter.
 *
 * <p>Public entry types: {@link dev.spool.amqp.AmqpSinkProvider} (the {@code amqp} type),
 * {@link dev.spool.amqp.AmqpSettings} (its validated options), {@link dev.spool.amqp.AmqpHealth},
 * {@link dev.spool.amqp.AmqpDestinations} and {@link dev.spool.amqp.AmqpDestinationMXBean} (status).
 */
package dev.spool.amqp;
