package dev.spool.sqlite;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real processes on one database file: several writers at once, and writers killed with SIGKILL. */
class SqliteProcessesIT {

    @TempDir
    Path dir;

    /** Rows of one run: count, smallest and largest sequence number, newest timestamp (µs). */
    record RunRows(long count, long minSeq, long maxSeq, long newestMicros) {
    }

    static RunRows rows(Path db, String runId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("SELECT count(*), min(json_extract(fields, '$.seq')),"
                     + " max(json_extract(fields, '$.seq')), max(ts) FROM logs WHERE json_extract(fields, '$.run') = ?")) {
            s.setString(1, runId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new RunRows(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
            }
        }
    }

    static String integrityCheck(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    @Nested
    class SeveralWriters {

        @Test
        void threeProcessesWritingOneFileLoseAndDuplicateNothing() throws Exception {
            Path db = dir.resolve("shared.db");
            int perChild = 3_000;
            List<ChildJvm> children = new ArrayList<>();
            for (String run : List.of("p1", "p2", "p3")) {
                children.add(ChildWriter.start(dir, db, run, perChild, "20ms"));
            }
            for (ChildJvm child : children) {
                assertThat(child.awaitExit(Duration.ofSeconds(120))).as("child %s exit; stdout %s stderr %s", child.name(),
                        child.stdout(), child.stderr()).isZero();
            }
            for (ChildJvm child : children) {
                assertThat(rows(db, child.name())).isEqualTo(new RunRows(perChild, 0, perChild - 1,
                        rows(db, child.name()).newestMicros()));
            }
            assertThat(SqliteSinkIT.count(db, "logs")).isEqualTo(3L * perChild);
            assertThat(integrityCheck(db)).isEqualTo("ok");
        }
    }

    @Nested
    class Kills {

        private static final long BATCH_TIME_MILLIS = 200;
        /** Scheduling slack on a shared 2-core machine on top of the batch time; a lost batch would exceed it by far. */
        private static final long SLACK_MILLIS = 1_500;

        @Test
        void aKilledWriterLosesAtMostItsOpenBatchAndTheFileStaysIntact() throws Exception {
            Path db = dir.resolve("killed.db");
            for (int round = 1; round <= 3; round++) {
                String run = "k" + round;
                ChildJvm child = ChildWriter.start(dir, db, run, -1, BATCH_TIME_MILLIS + "ms");
                long killedAtMicros;
                try {
                    await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                            .until(() -> rows(db, run).count() >= 2_000 || !child.isAlive());
                    assertThat(child.isAlive()).as("child %s died early: %s", run, child.stderr()).isTrue();
                    killedAtMicros = System.currentTimeMillis() * 1_000;
                } finally {
                    child.kill();
                }

                RunRows stored = rows(db, run);
                long lostWindowMillis = (killedAtMicros - stored.newestMicros()) / 1_000;
                System.out.printf("round %d: %d events stored; the newest was logged %d ms before the SIGKILL%n",
                        round, stored.count(), lostWindowMillis);
                assertThat(stored.minSeq()).isZero();
                assertThat(stored.maxSeq()).as("the stored events are a prefix without holes").isEqualTo(stored.count() - 1);
                assertThat(lostWindowMillis).isLessThan(BATCH_TIME_MILLIS + SLACK_MILLIS);
                assertThat(integrityCheck(db)).isEqualTo("ok");
            }
        }
    }
}
