/**
 * What destination and format implementers use: the read-only {@link dev.spool.spi.LogEvent}, the
 * {@link dev.spool.spi.Sink} and {@link dev.spool.spi.Format} contracts, {@link dev.spool.spi.ByteBuilder}
 * to encode into, and {@link dev.spool.spi.SinkProvider} to make a destination type configurable.
 */
package dev.spool.spi;
