package dev.spool.testkit.postgres;

import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A throwaway database on the real PostgreSQL ({@code spool_test_<random>}), dropped by {@link #close()}.
 * Tests get one through {@link TestDatabase}; programs such as benchmarks with try-with-resources.
 */
public final class ScratchDatabase implements AutoCloseable {

    /**
     * How long {@link #close()} keeps trying: a fault test (here or in another test run on this machine)
     * may have stopped or be restarting the server.
     */
    private static final Duration DROP_TIMEOUT = Duration.ofSeconds(120);

    private final String url;

    private ScratchDatabase(String url) {
        this.url = url;
    }

    /** Creates an empty database, starting the server first if it is down. */
    public static ScratchDatabase create() throws SQLException {
        return new ScratchDatabase(PostgresServer.createDatabase());
    }

    /** Its {@code postgresql://127.0.0.1:5432/NAME} URL, as Spool's {@code postgres} destination and store take it. */
    public String url() {
        return url;
    }

    /** Its name, for database-level statements ({@code ALTER DATABASE NAME ...}). */
    public String name() {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Drops the database, disconnecting whoever still uses it; starts the server again if a test left it down. */
    @Override
    public void close() {
        await("dropping " + name()).atMost(DROP_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    PostgresServer.ensureRunning();
                    PostgresServer.dropDatabase(url);
                    return true;
                });
    }

    @Override
    public String toString() {
        return url;
    }
}
