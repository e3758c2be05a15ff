package dev.spool.testkit.postgres;

import dev.spool.testkit.HostCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The real PostgreSQL on 127.0.0.1:5432 (trust authentication, user postgres) for integration tests:
 * started with {@code pg_ctlcluster} when it is down, failing loudly when it cannot be; statements on a
 * test's database; and a restart for fault tests. A test's own database: {@link TestDatabase}.
 */
public final class PostgresServer {

    public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private PostgresServer() {
    }

    /** Makes sure the server answers, starting it if needed. */
    public static void ensureRunning() {
        if (answers()) {
            return;
        }
        run("start");
        awaitAnswering();
    }

    /** Restarts the server (fast shutdown: open connections are cut) and waits until it answers again. */
    public static void restart() {
        run("restart");
        awaitAnswering();
    }

    /** Creates an empty database {@code spool_test_<random>} and returns its {@code postgresql://} URL. */
    static String createDatabase() throws SQLException {
        ensureRunning();
        String name = "spool_test_" + Long.toUnsignedString(new Random().nextLong(), 36);
        admin("CREATE DATABASE " + name);
        return "postgresql://127.0.0.1:5432/" + name;
    }

    /** Drops the database of {@code url}, disconnecting whoever still uses it. */
    static void dropDatabase(String url) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }

    /** A connection to the database of {@code url} as user postgres. */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection("jdbc:" + url, "postgres", "");
    }

    /** Runs one statement on the database of {@code url}. */
    public static void execute(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Drops Spool's tables from the database of {@code url}, so that the next writer starts from nothing. */
    public static void dropTables(String url) throws SQLException {
        execute(url, "DROP TABLE IF EXISTS logs, metrics, ledgers, relay_ledgers, schema_version");
    }

    /** The single number {@code sql} returns. */
    public static long number(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs {@code sql} on the server's {@code postgres} database as user postgres (database-level statements). */
    public static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean answers() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void awaitAnswering() {
        await("PostgreSQL on 127.0.0.1:5432 to answer").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(PostgresServer::answers);
    }

    private static void run(String action) {
        HostCommand.require(START_TIMEOUT, "PostgreSQL " + action, "pg_ctlcluster", "--skip-systemctl-redirect",
                version(), "main", action);
    }

    /** The installed cluster version, the one directory under /etc/postgresql. */
    private static String version() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed here (/etc/postgresql): " + e.getMessage(), e);
        }
    }
}
