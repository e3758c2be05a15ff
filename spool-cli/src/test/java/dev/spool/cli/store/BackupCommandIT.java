package dev.spool.cli.store;

import dev.spool.EventId;
import dev.spool.cli.SpoolCommand;
import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spool backup} of a SQLite store while a writer keeps committing: the copy passes
 * {@code PRAGMA integrity_check}, holds a consistent prefix of what was committed (every event of each
 * batch, or none of it) and opens as a store; an existing target is never touched.
 */
class BackupCommandIT {

    private static final int BATCH = 500;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spool(String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private static List<TestEvent> batch(long first) {
        List<TestEvent> events = new ArrayList<>();
        for (long i = first; i < first + BATCH; i++) {
            events.add(TestEvent.event().id(EventId.high(1_763_769_301_123L + i), i).message("event " + i)
                    .field("batch", first / BATCH));
        }
        return events;
    }

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aCopyMadeWhileAWriterCommitsIsConsistentAndChecked() throws Exception {
        Path db = dir.resolve("spool.db");
        Path copy = dir.resolve("backups/copy.db");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (StoreWriter w = LogStores.openWriter("sqlite:" + db)) {
                for (long next = 0; !stop.get(); next += BATCH) {
                    w.write(batch(next));
                    committed.set(next + BATCH);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "backup-it-writer");
        writer.start();
        try {
            await().until(() -> committed.get() >= 20 * BATCH);
            long before = committed.get();
            assertThat(spool("backup", "--db", db.toString(), "--to", copy.toString())).as(err.toString()).isZero();
            long afterBackup = committed.get();
            assertThat(writer.isAlive()).as("the writer went on").isTrue();
            await().until(() -> committed.get() > afterBackup); // and keeps committing after it
            stop.set(true);
            writer.join();

            assertThat(out.toString()).startsWith("spool backup: ").contains("integrity_check ok");
            long copied = count(copy, "SELECT count(*) FROM logs");
            assertThat(copied).isBetween(before, afterBackup).isEqualTo(count(copy, "SELECT count(DISTINCT event_id) FROM logs"));
            assertThat(copied % BATCH).as("whole transactions only").isZero();
            assertThat(out.toString()).contains(String.format(java.util.Locale.ROOT, "%,d events", copied));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("ok");
            }
            try (var store = LogStores.open("sqlite:" + copy)) {
                assertThat(store.stats(dev.spool.store.LogQuery.builder().build(), java.time.Duration.ofMinutes(1), 5).total())
                        .isEqualTo(copied);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void anExistingTargetIsNeverOverwrittenAndAMissingStoreLeavesNothing() throws Exception {
        Path target = Files.writeString(dir.resolve("precious.db"), "not yours");
        assertThat(spool("backup", "--db", dir.resolve("none.db").toString(), "--to", target.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("for --to: the file exists");
        assertThat(Files.readString(target)).isEqualTo("not yours");

        Path fresh = dir.resolve("fresh.db");
        assertThat(spool("backup", "--db", dir.resolve("none.db").toString(), "--to", fresh.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no SQLite database at");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aPostgresStoreSaysToUseItsOwnTools() {
        assertThat(spool("backup", "--store", "postgresql://127.0.0.1:5432/spool", "--to", dir.resolve("x.db").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("pg_dump");
    }
}
