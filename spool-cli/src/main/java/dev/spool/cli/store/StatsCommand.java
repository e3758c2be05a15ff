package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.spi.Options;
import dev.spool.store.LevelStats;
import dev.spool.store.LogStore;
import dev.spool.store.NameCount;
import dev.spool.store.Stats;
import dev.spool.store.TimeBucket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code spool stats}: counts by level, logger and thread, and events per minute as a sparkline. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count stored events by level, logger, thread and minute.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool stats --db logs/spool.db           everything stored",
            "  spool stats -s 1h --logger app.db        the last hour of one layer",
            "  spool stats --bucket 10s --top 5 --json  for scripts",
            "",
            "Exit codes: 0 success, 1 the database could not be read, 2 usage error."})
public final class StatsCommand implements Callable<Integer> {

    /** The sparkline shows at most this many of the newest buckets, so it fits a terminal line. */
    static final int SPARKLINE_BUCKETS = 60;

    @Mixin
    StoreOptions store;

    @Mixin
    FilterOptions filters;

    @Option(names = "--bucket", defaultValue = "1m", paramLabel = "DURATION",
            description = "Width of the time buckets (default: ${DEFAULT-VALUE}, events per minute).")
    String bucket;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Busiest N loggers and threads (default: ${DEFAULT-VALUE}).")
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration width = duration(spec, "--bucket", bucket);
        if (top < 1 || top > 10_000) {
            throw new ParameterException(spec.commandLine(), "bad value " + top + " for --top: expected 1 to 10000");
        }
        Stats stats;
        long sizeBytes;
        try (LogStore logs = store.open()) {
            stats = logs.stats(filters.builder(spec).build(), width, top);
            sizeBytes = logs.sizeBytes();
            if (stats.total() == 0) {
                EmptyResult.explain(spec, logs, filters);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (store.json) {
            printJson(out, stats, sizeBytes);
        } else {
            printTables(out, stats, sizeBytes);
        }
        out.flush();
        return SpoolCommand.OK;
    }

    static Duration duration(CommandSpec spec, String option, String text) {
        try {
            Duration d = Options.parseDuration(text);
            if (d.toNanos() < 1_000_000) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "bad value '" + text + "' for " + option
                    + ": expected a duration of at least 1ms such as 10s, 1m or 1h");
        }
    }

    private void printTables(PrintWriter out, Stats stats, long sizeBytes) {
        out.printf(Locale.ROOT, "events %,d   database %s   %s%n%n", stats.total(), size(sizeBytes), store.where.db);
        Table levels = new Table("LEVEL", "COUNT>", "PERCENT>");
        for (LevelStats l : stats.levels()) {
            levels.row(l.level().name(), String.format(Locale.ROOT, "%,d", l.count()),
                    String.format(Locale.ROOT, "%.1f%%", l.percent()));
        }
        levels.print(out);
        names(out, "LOGGER", stats.loggers());
        names(out, "THREAD", stats.threads());
        List<TimeBucket> buckets = stats.buckets();
        if (!buckets.isEmpty()) {
            List<TimeBucket> shown = buckets.subList(Math.max(0, buckets.size() - SPARKLINE_BUCKETS), buckets.size());
            long max = shown.stream().mapToLong(TimeBucket::count).max().orElse(0);
            out.printf(Locale.ROOT, "%nevents per %s, %s to %s UTC (max %,d)%n%s%n", label(stats.bucket()),
                    RecordPrinter.time(shown.get(0).startMicros()), RecordPrinter.time(shown.get(shown.size() - 1).startMicros()),
                    max, Sparkline.of(shown));
        }
    }

    private static void names(PrintWriter out, String header, List<NameCount> counts) {
        Table table = new Table(header, "COUNT>");
        counts.forEach(c -> table.row(RecordPrinter.oneLine(c.name()), String.format(Locale.ROOT, "%,d", c.count())));
        out.println();
        table.print(out);
    }

    private static String label(Duration d) {
        return d.equals(Duration.ofMinutes(1)) ? "minute" : d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static void printJson(PrintWriter out, Stats stats, long sizeBytes) {
        out.println(new JsonLine().string("type", "total").number("events", stats.total()).number("size_bytes", sizeBytes));
        stats.levels().forEach(l -> out.println(new JsonLine().string("type", "level").string("level", l.level().name())
                .number("count", l.count()).number("percent", l.percent())));
        stats.loggers().forEach(c -> out.println(new JsonLine().string("type", "logger").string("name", c.name()).number("count", c.count())));
        stats.threads().forEach(c -> out.println(new JsonLine().string("type", "thread").string("name", c.name()).number("count", c.count())));
        stats.buckets().forEach(b -> out.println(new JsonLine().string("type", "bucket").number("start_micros", b.startMicros())
                .number("count", b.count())));
    }
}
