package dev.spool.bench.services;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/** The local PostgreSQL (127.0.0.1:5432, user {@code $PGUSER} or postgres) as the suites use it: throwaway databases. */
final class Postgres {

    static final String SERVER = "postgresql://127.0.0.1:5432";
    private static final String USER = System.getenv().getOrDefault("PGUSER", "postgres");

    private Postgres() {
    }

    /** Creates an empty database no other run uses; returns its URL ({@code postgresql://HOST:PORT/NAME}). */
    static String createDatabase() throws SQLException {
        String name = "spool_bench_svc_" + Long.toUnsignedString(new Random().nextLong(), 36);
        admin("CREATE DATABASE " + name);
        return SERVER + "/" + name;
    }

    /** Drops the database of {@code url}, closing whatever is still connected to it. */
    static void dropDatabase(String url) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection("jdbc:" + url, USER, System.getenv().getOrDefault("PGPASSWORD", ""));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = connect(SERVER + "/postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
