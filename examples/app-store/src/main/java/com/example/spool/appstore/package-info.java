/**
 * The {@code app:NAME} store scheme: a company's short name for its per-application SQLite stores, found by
 * {@link dev.spool.store.LogStores} through {@link com.example.spool.appstore.AppStoreProvider}.
 */
package com.example.spool.appstore;
