/**
 * The store-neutral query API over stored logs and metrics: {@link dev.spool.store.LogStore} and the
 * immutable queries and results it takes and returns, and {@link dev.spool.store.LogStores}, which opens a
 * store or a {@link dev.spool.store.StoreWriter} by URL through the store SPI ({@link dev.spool.store.spi}).
 *
 * <p>Every store (SQLite, PostgreSQL) implements the same interface and passes the same contract tests,
 * so the {@code spool} CLI and the HTTP API work against either. Times are microseconds since the epoch
 * (UTC), the resolution of {@link dev.spool.spi.LogEvent#timestampMicros()}.
 */
package dev.spool.store;
