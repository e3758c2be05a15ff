/**
 * The collector: a long-lived process (or a part of one) that receives events from other processes in
 * any language over TCP or a unix domain socket and writes them through its own pipeline.
 *
 * <p>{@link dev.spool.collector.Collector} is the running server, {@link dev.spool.collector.CollectorConfig}
 * its configuration and {@link dev.spool.forward.CollectorAddress} an address such as
 * {@code tcp://127.0.0.1:5170} or {@code unix:/run/spool.sock}. The wire format (newline-delimited JSON
 * events, a versioned handshake, acknowledgements once events are written and flushed) is in
 * docs/protocol.md. Every input is bounded before it is held; nothing is Java-deserialized.
 */
package dev.spool.collector;

