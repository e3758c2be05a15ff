package dev.spool.sqlite;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Opens connections with Spool's pragmas and turns SQLite's failures into messages a user can act on. */
final class Database {

    private Database() {
    }

    /**
     * A read-write connection: WAL, the configured {@code synchronous}, a busy timeout, schema migrated.
     * Creates the file and its parent directories when missing.
     */
    static Connection openWriter(SqliteSettings settings) throws SQLException, IOException {
        if (isMemory(settings.path())) {
            keepMemory(settings.path(), settings.busyTimeout());
        } else {
            Path parent = settings.path().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
        Connection c = connect(settings.path(), settings.busyTimeout(), false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + settings.synchronous()); // one of three validated words
                s.execute("PRAGMA temp_store=MEMORY");
                s.execute("PRAGMA cache_size=-" + settings.cacheBytes() / 1024); // negative: KiB
            }
            Schema.migrate(c, settings.fullText());
            Indexes.ensure(c, settings.indexes());
            Indexes.indexFields(c, settings.indexedFields());
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** A second connection to a writer's file, for {@link WalCheckpointer}: no schema work, the file exists. */
    static Connection openCheckpointer(SqliteSettings settings) throws SQLException {
        return connect(settings.path(), settings.busyTimeout(), true);
    }

    /** A connection for queries (and retention): the file must exist and hold a Spool schema. */
    static Connection openReader(Path path, Duration busyTimeout) throws SQLException {
        Connection c = connect(path, busyTimeout, true);
        try {
            Schema.requireCurrent(c, path);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static Connection connect(Path path, Duration busyTimeout, boolean mustExist) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        if (isMemory(path)) {
            if (mustExist && !MEMORY.containsKey(memoryName(path))) {
                throw new SQLException("no in-memory SQLite database '" + path + "' in this JVM: a sqlite destination or"
                        + " SqliteStore.writer with path " + path + " makes it");
            }
            return DriverManager.getConnection(jdbcUrl(path), config.toProperties());
        }
        if (mustExist) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        return DriverManager.getConnection(jdbcUrl(path), config.toProperties());
    }

    /** The prefix of an in-memory database's path: {@code :memory:NAME} (for users' tests). */
    static final String MEMORY_PREFIX = ":memory:";

    /**
     * In-memory databases by name, each kept alive by one connection held here: SQLite drops a shared
     * in-memory database when its last connection closes, and a test writes, closes the writer and then
     * queries. {@link SqliteStore#dropMemory} lets one go.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Connection> MEMORY =
            new java.util.concurrent.ConcurrentHashMap<>();

    static boolean isMemory(Path path) {
        return path.toString().startsWith(MEMORY_PREFIX);
    }

    private static String memoryName(Path path) {
        return path.toString().substring(MEMORY_PREFIX.length());
    }

    /** {@code jdbc:sqlite:FILE}, or a named shared-cache in-memory database for {@code :memory:NAME}. */
    static String jdbcUrl(Path path) {
        if (!isMemory(path)) {
            return "jdbc:sqlite:" + path;
        }
        String name = memoryName(path);
        return "jdbc:sqlite:file:spool-memory-" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                + "?mode=memory&cache=shared";
    }

    private static void keepMemory(Path path, Duration busyTimeout) throws SQLException {
        try {
            MEMORY.computeIfAbsent(memoryName(path), name -> {
                try {
                    SQLiteConfig config = new SQLiteConfig();
                    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
                    return DriverManager.getConnection(jdbcUrl(path), config.toProperties());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            throw (SQLException) e.getCause();
        }
    }

    /** Closes the connection keeping {@code :memory:NAME} alive; the database goes with its last connection. */
    static boolean dropMemory(String name) {
        Connection keeper = MEMORY.remove(name);
        closeQuietly(keeper);
        return keeper != null;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure: the failure already reported is the one that matters
        }
    }

    /** Whether the failure may pass by itself (another connection held the lock): keep the rows and retry. */
    static boolean isBusy(SQLException e) {
        int code = primaryCode(e);
        return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    /**
     * Whether the same write may succeed later: another connection holds the lock, or the disk is full
     * (space can be freed). A read-only, corrupt or foreign file, or a newer schema, fails the same way again.
     */
    static boolean isRetryable(SQLException e) {
        return isBusy(e) || primaryCode(e) == SQLiteErrorCode.SQLITE_FULL.code;
    }

    /**
     * Whether SQLite refused a row for its values (a NOT NULL or other constraint, a value too big, a type
     * mismatch): that row can never be stored, the others can.
     */
    static boolean isContentError(SQLException e) {
        int code = primaryCode(e);
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT.code || code == SQLiteErrorCode.SQLITE_TOOBIG.code
                || code == SQLiteErrorCode.SQLITE_MISMATCH.code || code == SQLiteErrorCode.SQLITE_RANGE.code;
    }

    /** A one-line explanation of {@code e} for the database at {@code path}. */
    static String describe(Throwable e, Path path) {
        String file = isMemory(path) ? "in-memory SQLite database " + path : "SQLite database " + path.toAbsolutePath();
        if (!(e instanceof SQLException)) {
            return "cannot open " + file + ": " + e;
        }
        int code = primaryCode((SQLException) e);
        String detail = " (" + e.getMessage() + ")";
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return file + " is locked by another connection or process" + detail;
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_PERM.code) {
            return file + " is read-only: check the permissions of the file and of its directory" + detail;
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code || code == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return file + " is corrupt or not a SQLite database: move it aside and a new one is created" + detail;
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return "cannot open " + file + ": check that its directory exists and is writable" + detail;
        }
        if (code == SQLiteErrorCode.SQLITE_FULL.code) {
            return "the disk holding " + file + " is full" + detail;
        }
        return file + ": " + e.getMessage();
    }

    private static int primaryCode(SQLException e) {
        int code = e instanceof SQLiteException ? ((SQLiteException) e).getResultCode().code : e.getErrorCode();
        return code & 0xFF; // extended result codes keep the primary code in the low byte
    }
}
