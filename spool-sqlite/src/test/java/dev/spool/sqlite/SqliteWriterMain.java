package dev.spool.sqlite;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child process for the multi-process and kill tests: logs {@code COUNT} events (or, with -1, until it is
 * killed, one about every 200 µs) from one thread into the database, each with its run id and sequence
 * number as fields. With a count it shuts Spool down and exits 0 only when every event was written.
 * Without one it gives up after {@link #MAX_RUN} (exit 3), so a test that failed to kill it leaves nothing behind.
 *
 * <p>Arguments: DB RUN_ID COUNT BATCH_TIME
 */
public final class SqliteWriterMain {

    static final java.time.Duration MAX_RUN = java.time.Duration.ofMinutes(2);

    private SqliteWriterMain() {
    }

    public static void main(String[] args) {
        String db = args[0];
        String runId = args[1];
        long count = Long.parseLong(args[2]);
        Spool.configure(SpoolConfig.builder().name("child-" + runId).jmx(false)
                .destination("db", "sqlite", Map.of("path", db, "batchTime", args[3]))
                .route("root", "", Level.INFO, "db").build());
        var log = Spool.logger("child." + runId);
        System.out.println("started");
        System.out.flush();
        long deadline = System.nanoTime() + MAX_RUN.toNanos();
        for (long seq = 0; count < 0 || seq < count; seq++) {
            if (count < 0 && System.nanoTime() - deadline > 0) {
                System.exit(3);
            }
            log.atInfo().kv("run", runId).kv("seq", seq).log("event {} of run {}", seq, runId);
            if (count < 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // a steady stream until the kill
            }
        }
        PipelineStats stats = Spool.shutdown();
        System.out.println("written=" + stats.written() + " failed=" + stats.destinationFailed());
        System.exit(stats.destinationFailed() == 0 && stats.droppedTotal() == 0 && stats.written() == count ? 0 : 1);
    }
}
