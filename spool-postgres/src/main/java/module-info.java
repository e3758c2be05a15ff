/**
 * The {@code postgres} destination and the PostgreSQL {@code LogStore}, opened by URL as
 * {@code postgresql://HOST:PORT/DATABASE}.
 */
// pgjdbc and the RabbitMQ client are automatic modules (named in their manifests), still without module-info.
@SuppressWarnings("requires-automatic")
module dev.spool.postgres {
    requires transitive dev.spool.store;
    requires org.postgresql.jdbc;

    exports dev.spool.postgres;

    provides dev.spool.spi.SinkProvider with dev.spool.postgres.PostgresSinkProvider;
    provides dev.spool.store.spi.StoreProvider with dev.spool.postgres.PostgresStoreProvider;
}
