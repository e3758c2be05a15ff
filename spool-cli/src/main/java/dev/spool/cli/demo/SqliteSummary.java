package dev.spool.cli.demo;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.store.LevelStats;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.LogStores;
import dev.spool.store.MetricBucket;
import dev.spool.store.MetricQuery;
import dev.spool.store.Stats;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The sqlite scenario's summary, read back from the database rather than from the threads' counters:
 * total logs and metrics, logs per second, logs by level with percentages, the request_duration
 * aggregate, and the commands to explore the file further. It also says whether the database holds
 * exactly what the threads logged.
 */
final class SqliteSummary {

    private static final String ROW = "%-18s%s%n";

    private final SqliteScenario.Logged logged;
    private final PipelineStats pipeline;
    private final Path db;

    SqliteSummary(SqliteScenario.Logged logged, PipelineStats pipeline, Path db) {
        this.logged = logged;
        this.pipeline = pipeline;
        this.db = db;
    }

    /** Prints the summary; returns whether every logged event and metric is stored once. */
    boolean print(PrintWriter out, PrintWriter err) {
        Stats stats;
        List<MetricBucket> durations;
        long sizeBytes;
        try (LogStore store = LogStores.open("sqlite:" + db)) {
            stats = store.stats(LogQuery.all(), Duration.ofSeconds(1), 8);
            durations = store.metrics(MetricQuery.of("request_duration")).buckets();
            sizeBytes = store.sizeBytes();
        }
        long metrics = durations.isEmpty() ? 0 : durations.get(0).count();
        printTotals(out, stats, metrics, durations, sizeBytes);
        boolean ok = verdict(out, err, stats, metrics);
        pointers(out);
        out.flush();
        return ok;
    }

    private void printTotals(PrintWriter out, Stats stats, long metrics, List<MetricBucket> durations, long sizeBytes) {
        double seconds = Math.max(1e-9, logged.elapsed().toNanos() / 1e9);
        out.println();
        out.printf(Locale.ROOT, ROW, "total logs", number(stats.total()));
        out.printf(Locale.ROOT, ROW, "total metrics", number(metrics));
        out.printf(Locale.ROOT, ROW, "logs/s", number(Math.round(stats.total() / seconds)));
        for (LevelStats level : stats.levels()) {
            if (level.count() > 0) {
                out.printf(Locale.ROOT, "  %-16s%10s  %5.1f%%%n", level.level(), number(level.count()), level.percent());
            }
        }
        if (!durations.isEmpty()) {
            MetricBucket d = durations.get(0);
            out.printf(Locale.ROOT, "%-18savg %.1f ms, p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n", "request_duration",
                    d.avg(), d.p50(), d.p95(), d.p99(), d.max());
        }
        out.printf(Locale.ROOT, ROW, "database", String.format(Locale.ROOT, "%.1f MiB  %s", sizeBytes / 1048576.0, db));
    }

    private boolean verdict(PrintWriter out, PrintWriter err, Stats stats, long metrics) {
        long expectedLogs = logged.logs();
        boolean levelsMatch = true;
        for (Level level : Level.values()) {
            levelsMatch &= stats.levels().get(level.ordinal()).count() == logged.byLevel()[level.ordinal()];
        }
        if (stats.total() == expectedLogs && metrics == logged.metrics() && levelsMatch
                && pipeline.droppedTotal() == 0 && pipeline.destinationFailed() == 0) {
            out.println("verified: " + number(expectedLogs) + " logs and " + number(metrics) + " metrics stored, as logged");
            return true;
        }
        err.println("spool demo: " + db + " holds " + stats.total() + " logs and " + metrics + " metrics; the threads logged "
                + expectedLogs + " and " + logged.metrics() + " (dropped " + pipeline.droppedTotal() + ", refused "
                + pipeline.destinationFailed() + ")");
        err.flush();
        return false;
    }

    private void pointers(PrintWriter out) {
        String file = db.toString();
        out.println("explore it:");
        out.println("  ./spool query --db " + file + " -l ERROR -s 1h");
        out.println("  ./spool query --db " + file + " -t sqlite-worker-3 -g /login -n 20");
        out.println("  ./spool stats --db " + file + " --bucket 1s");
        out.println("  ./spool metrics --db " + file + " --name request_duration -s 1h --bucket 1s");
        out.println("  ./spool metrics --db " + file + " --name request_duration --top 10");
        out.println("  ./spool tail --db " + file + " -f");
        out.println("  ./spool serve --db " + file + "   then open http://127.0.0.1:8686/");
        out.println();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
