/** The {@code postgres} destination and the PostgreSQL {@code LogStore}. */
// pgjdbc and the RabbitMQ client are automatic modules (named in their manifests), still without module-info.
@SuppressWarnings("requires-automatic")
module dev.spool.postgres {
    requires transitive dev.spool.store;
    requires org.postgresql.jdbc;

    exports dev.spool.postgres;

    provides dev.spool.spi.SinkProvider with dev.spool.postgres.PostgresSinkProvider;
}
