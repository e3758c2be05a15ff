/**
 * The ingest consumer: takes JSON Lines batches from a RabbitMQ queue and commits them to a store through
 * {@link dev.spool.store.StoreWriter}, acknowledging a message only once its events are committed.
 *
 * <pre>
 *  broker ──deliveries (prefetch)──> Session inbox ──> Worker: collect a Batch (events / time / prefetch)
 *                                                         │  MessageDecoder: sizes, gzip bound, schema, lines
 *                                                         ├─ invalid ──> publishDead (confirmed) ─┐
 *                                                         └─ valid ──> StoreWriter.write (one tx) ┴─> basicAck(last tag, multiple)
 *  retryable store error: keep the batch, back off, retry (no ack)      non-retryable: one message at a time,
 *  broken connection: drop the batch, reconnect (the broker redelivers)  dead-letter after maxAttempts
 * </pre>
 *
 * <p>{@link dev.spool.consumer.Consumer} and {@link dev.spool.consumer.ConsumerSettings} are the entry
 * points; {@link dev.spool.consumer.ConsumerStats} the snapshot; everything else is package-private.
 */
package dev.spool.consumer;
