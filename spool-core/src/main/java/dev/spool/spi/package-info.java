/**
 * What destination, format and receiver implementers use: the read-only {@link dev.spool.spi.LogEvent},
 * the {@link dev.spool.spi.Sink} and {@link dev.spool.spi.Format} contracts, {@link dev.spool.spi.ByteBuilder}
 * to encode into, {@link dev.spool.spi.SinkProvider} to make a destination type configurable, and
 * {@link dev.spool.spi.Ingress}, through which a receiver (a collector, a consumer) hands events made
 * elsewhere to a pipeline of its own. Shared helpers are in {@code dev.spool.spi.support}.
 *
 * <p>{@link dev.spool.spi.LogPipeline}, {@link dev.spool.spi.LogRoute} and {@link dev.spool.spi.KeyValues}
 * are the seam between the logging API ({@code dev.spool}) and the pipeline that implements them, so the
 * API depends on no internal class; applications do not use them.
 */
package dev.spool.spi;
