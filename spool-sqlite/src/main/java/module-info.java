/** The {@code sqlite} destination and the SQLite {@code LogStore}, opened by URL as {@code sqlite:FILE}. */
module dev.spool.sqlite {
    requires transitive dev.spool.store;
    requires org.xerial.sqlitejdbc;

    exports dev.spool.sqlite;

    provides dev.spool.spi.SinkProvider with dev.spool.sqlite.SqliteSinkProvider;
    provides dev.spool.store.spi.StoreProvider with dev.spool.sqlite.SqliteStoreProvider;
}
