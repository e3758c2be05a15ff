package dev.spool.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections from a Spool store URL and turns PostgreSQL errors into words and retry decisions. */
final class Database {

    /** The URL parameter naming the optional indexes a writer makes ({@link Indexes}). */
    static final String INDEXES_PARAMETER = "indexes";
    /** The URL parameter naming a writer's ingest path ({@code copy}, {@code stage}, {@code insert}). */
    static final String INGEST_PARAMETER = "ingest";

    private Database() {
    }

    /**
     * The JDBC URL for {@code url}: {@code postgresql://HOST:PORT/DB} (as {@code psql} takes it) or
     * {@code jdbc:postgresql://...}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static String jdbcUrl(String url) {
        if (url != null && url.startsWith("postgresql://")) {
            return withoutSpoolParameters("jdbc:" + url);
        }
        if (url != null && url.startsWith("jdbc:postgresql://")) {
            return withoutSpoolParameters(url);
        }
        throw new IllegalArgumentException("bad PostgreSQL URL '" + url
                + "': expected postgresql://HOST:PORT/DATABASE, for example postgresql://127.0.0.1:5432/spool");
    }

    /** The value of Spool's own URL parameter {@code name} ({@code indexes}, {@code ingest}), or null. */
    static String parameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The URL without the parameters Spool reads itself, which pgjdbc would not know. */
    private static String withoutSpoolParameters(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : url.substring(query + 1).split("&")) {
            boolean spools = pair.startsWith(INDEXES_PARAMETER + "=") || pair.startsWith(INGEST_PARAMETER + "=");
            if (!pair.isEmpty() && !spools) {
                kept.append(kept.length() == 0 ? "?" : "&").append(pair);
            }
        }
        return url.substring(0, query) + kept;
    }

    /**
     * A connection with the user and password taken from the URL's parameters, else {@code PGUSER} and
     * {@code PGPASSWORD} from the environment, else user {@code postgres} without a password.
     */
    static Connection open(String url, String applicationName) throws SQLException {
        Properties p = new Properties();
        String jdbc = jdbcUrl(url);
        if (!jdbc.contains("user=")) {
            p.setProperty("user", envOr("PGUSER", "postgres"));
        }
        String password = System.getenv("PGPASSWORD");
        if (password != null && !jdbc.contains("password=")) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbc, p);
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /**
     * Whether retrying later can succeed without anyone changing the data: the connection broke, the
     * server is starting, shutting down or out of resources, or a transaction lost a serialization race.
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return true; // pgjdbc reports some I/O failures without a state: the connection is gone
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03");
    }

    /** Whether the error is about one row's data (too long, malformed, constraint), not the server. */
    static boolean isBadData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** {@code url} with the value of a {@code password} parameter masked, for messages. */
    static String withoutCredentials(String url) {
        return url == null ? null : url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** The error in words, with the store it concerns (its password masked). */
    static String describe(Throwable e, String storeUrl) {
        String url = withoutCredentials(storeUrl);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SQLException && "3D000".equals(((SQLException) e).getSQLState())) {
            return "PostgreSQL at " + url + ": " + detail + " (create it with: createdb NAME)";
        }
        if (e instanceof SQLException && "08001".equals(((SQLException) e).getSQLState())) {
            return "PostgreSQL at " + url + " does not answer (" + detail + "): is the server running?";
        }
        return "PostgreSQL at " + url + ": " + detail;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one reported
        }
    }
}
