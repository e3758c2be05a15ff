/**
 * The store SPI: a {@link dev.spool.store.spi.StoreProvider} opens the stores of its URL schemes; the
 * {@code spool} CLI and the ingest consumer find it through {@link dev.spool.store.LogStores}. The JDBC
 * base a SQL store is built on is {@link dev.spool.store.jdbc}.
 */
package dev.spool.store.spi;
