/** An {@code app:NAME} store scheme for Spool: the store example of docs/EXTENDING.md. */
module com.example.spool.appstore {
    requires dev.spool.store;

    provides dev.spool.store.spi.StoreProvider with com.example.spool.appstore.AppStoreProvider;
}
