/**
 * The store-neutral API over stored logs and metrics ({@code LogStore}, {@code LogQuery},
 * {@code StoreWriter}), the store SPI that finds a store by its URL scheme ({@code LogStores},
 * {@code StoreProvider}), and the JDBC base the SQLite and PostgreSQL stores are built on.
 */
module dev.spool.store {
    requires transitive dev.spool;
    requires transitive java.sql;

    exports dev.spool.store;
    exports dev.spool.store.jdbc;
    exports dev.spool.store.spi;

    uses dev.spool.store.spi.StoreProvider;
}
