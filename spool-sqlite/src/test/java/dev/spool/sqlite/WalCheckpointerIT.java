package dev.spool.sqlite;

import dev.spool.EventId;
import dev.spool.store.RetentionPolicy;
import dev.spool.store.jdbc.RowBatch;
import dev.spool.store.jdbc.StorableText;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WAL is copied back into the database by {@link WalCheckpointer}'s thread, not by the writer's commits;
 * the writer takes over when that thread is gone; a reader's snapshot holds pages back without holding the
 * writer; closing leaves every row in the database file and no WAL. Real files, real SQLite.
 */
class WalCheckpointerIT {

    private static final AtomicLong IDS = new AtomicLong(1);
    private static final int ROWS = 2_000;

    @TempDir
    Path dir;

    private static void commitBatch(BatchCommitter committer, int batch) throws SQLException {
        RowBatch rows = new RowBatch(ROWS, StorableText.AS_IS);
        long ts = System.currentTimeMillis() * 1_000;
        for (int i = 0; i < ROWS; i++) {
            rows.add(TestEvent.event().id(EventId.high(ts / 1_000), IDS.getAndIncrement()).timestampMicros(ts + i)
                    .message("batch " + batch + " row " + i + " with some text to fill the pages of the table"));
        }
        assertThat(committer.commit(rows).stored()).isEqualTo(ROWS);
    }

    private static long pragma(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + pragma)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long count(Path db) throws SQLException {
        return SqliteSinkIT.count(db, "logs");
    }

    /** A writer with the default settings over {@code db}, open, its checkpoint thread started. */
    private static BatchCommitter open(Path db) throws Exception {
        BatchCommitter committer = new BatchCommitter(SqliteSettings.defaults(db));
        committer.open();
        return committer;
    }

    @Test
    void theCommitsLeaveTheCopyingToTheCheckpointThread() throws Exception {
        Path db = dir.resolve("a.db");
        BatchCommitter committer = open(db);
        try {
            assertThat(pragma(committer.connection(), "wal_autocheckpoint")).isZero();
            WalCheckpointer checkpointer = committer.checkpointer();
            assertThat(checkpointer).isNotNull();
            long before = Files.size(db);
            for (int b = 0; b < 3; b++) {
                commitBatch(committer, b);
            }
            long walPages = Files.size(dir.resolve("a.db-wal")) / pragma(committer.connection(), "page_size");
            assertThat(walPages).as("a WAL the writer leaves to the thread").isLessThan(WalCheckpointer.RESTART_FRAMES);
            assertThat(checkpointer.writerMustCheckpoint()).isFalse();
            // the writer's automatic checkpoint is off and its WAL is small: only the thread can grow the file
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointer.checkpoints() > 0 && Files.size(db) > before + 500_000);
        } finally {
            committer.close();
        }
        assertThat(count(db)).isEqualTo(3L * ROWS);
        assertThat(Files.exists(dir.resolve("a.db-wal"))).as("the WAL is removed when the writer closes").isFalse();
    }

    @Test
    void theWalStartsOverWhileTheWriterKeepsCommitting() throws Exception {
        Path db = dir.resolve("w.db");
        Path wal = dir.resolve("w.db-wal");
        BatchCommitter committer = open(db);
        long largest = 0;
        try {
            long pageSize = pragma(committer.connection(), "page_size");
            long bound = (WalCheckpointer.RESTART_FRAMES + 4_000L) * pageSize; // a few batches past the restart
            int batches = 0;
            // back to back, as under load: the thread's checkpoints alone never catch up with the writer
            while (Files.size(db) < 3 * bound) {
                commitBatch(committer, batches++);
                largest = Math.max(largest, Files.size(wal));
                assertThat(batches).as("the database grows as the pages are copied").isLessThan(5_000);
            }
            assertThat(largest).as("the WAL of %s batches, against a database of %s bytes", batches, Files.size(db))
                    .isLessThan(bound);
        } finally {
            committer.close();
        }
    }

    @Test
    void aCheckpointThatFoundAnotherRunningLeavesTheWriterDueToCheckpoint() throws Exception {
        BatchCommitter committer = open(dir.resolve("busy.db"));
        try {
            WalCheckpointer checkpointer = committer.checkpointer();
            await().atMost(Duration.ofSeconds(30)).until(checkpointer::idle); // nothing of the thread's own in between
            checkpointer.writerCheckpointed(new WalCheckpointer.Pages(WalCheckpointer.RESTART_FRAMES + 500, 100));
            assertThat(checkpointer.writerMustCheckpoint()).as("pages left in a WAL past the restart size").isTrue();
            checkpointer.writerCheckpointed(WalCheckpointer.Pages.BUSY);
            assertThat(checkpointer.writerMustCheckpoint()).as("after a checkpoint that found another running").isTrue();
            checkpointer.writerCheckpointed(new WalCheckpointer.Pages(1_600, 1_600));
            assertThat(checkpointer.writerMustCheckpoint()).as("after one that copied every page").isFalse();
        } finally {
            committer.close();
        }
    }

    @Test
    void sqliteAnswersACheckpointMadeDuringAnotherAsBusy() throws Exception {
        Path db = dir.resolve("both.db");
        BatchCommitter committer = open(db);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong otherRuns = new AtomicLong();
        Thread other = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                while (!stop.get()) {
                    WalCheckpointer.checkpoint(c);
                    otherRuns.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "other-checkpointer");
        try {
            for (int b = 0; b < 3; b++) {
                commitBatch(committer, b);
            }
            other.start();
            // the writer's connection checkpoints while another connection does so back to back: some meet
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> WalCheckpointer.checkpoint(committer.connection()) == WalCheckpointer.Pages.BUSY);
            assertThat(otherRuns.get()).isPositive();
        } finally {
            stop.set(true);
            other.join();
            committer.close();
        }
    }

    @Test
    void whenTheThreadIsGoneTheWriterCheckpointsItself() throws Exception {
        Path db = dir.resolve("b.db");
        BatchCommitter committer = open(db);
        try {
            committer.checkpointer().close(); // the thread ends; the writer's automatic checkpoint stays off
            assertThat(committer.checkpointer().writerMustCheckpoint()).isTrue();
            long before = Files.size(db);
            commitBatch(committer, 0);
            assertThat(Files.size(db)).as("pages copied by the writer after its commit").isGreaterThan(before + 100_000);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                assertThat(WalCheckpointer.checkpoint(c).left()).as("nothing left in the WAL to copy").isZero();
            }
        } finally {
            committer.close();
        }
        assertThat(count(db)).isEqualTo(ROWS);
    }

    @Test
    void aReadersSnapshotHoldsPagesBackButNotTheWriter() throws Exception {
        Path db = dir.resolve("c.db");
        BatchCommitter committer = open(db);
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            commitBatch(committer, 0);
            reader.setAutoCommit(false);
            long seen;
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM logs")) {
                r.next();
                seen = r.getLong(1); // the read transaction now holds its snapshot
            }
            WalCheckpointer checkpointer = committer.checkpointer();
            for (int b = 1; b <= 5; b++) {
                commitBatch(committer, b);
            }
            long runs = checkpointer.checkpoints();
            commitBatch(committer, 6);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointer.checkpoints() > runs);
            assertThat(checkpointer.framesLeft()).as("pages newer than the reader's snapshot stay in the WAL").isPositive();
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM logs")) {
                r.next();
                assertThat(r.getLong(1)).as("the reader still sees its snapshot").isEqualTo(seen);
            }
            reader.commit(); // the snapshot ends
            long after = checkpointer.checkpoints();
            commitBatch(committer, 7);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointer.checkpoints() > after && checkpointer.framesLeft() == 0);
        } finally {
            committer.close();
        }
        assertThat(count(db)).isEqualTo(8L * ROWS);
    }

    @Test
    void retentionsDeletesAreCheckpointedToo() throws Exception {
        Path db = dir.resolve("r.db");
        SqliteSettings settings = SqliteSettings.defaults(db).withBatch(10, Duration.ofHours(1))
                .withRetention(new RetentionPolicy(null, 4), Duration.ofMillis(1));
        try (SqliteSink sink = SqliteSink.open(settings, "t")) {
            long ts = System.currentTimeMillis() * 1_000;
            for (int i = 0; i < 10; i++) {
                sink.write(TestEvent.event().id(EventId.high(ts / 1_000), IDS.getAndIncrement()).timestampMicros(ts + i)
                        .message("e" + i));
            }
            sink.flush(); // commits the full batch: one signal, one checkpoint
            WalCheckpointer checkpointer = sink.checkpointer();
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointer.checkpoints() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sink.flush(); // idle: retention deletes all but 4 rows, a transaction of its own
                return SqliteSinkIT.count(db, "logs") == 4;
            });
            // no batch has committed since: only retention's deletes can have woken the thread
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointer.checkpoints() >= 2);
        }
    }

    @Test
    void anInMemoryDatabaseHasNoCheckpointThread() throws Exception {
        BatchCommitter committer = new BatchCommitter(SqliteSettings.defaults(Path.of(Database.MEMORY_PREFIX + "wal-it")));
        committer.open();
        try {
            assertThat(committer.checkpointer()).isNull();
            commitBatch(committer, 0);
        } finally {
            committer.close();
            SqliteStore.dropMemory("wal-it");
        }
    }
}
