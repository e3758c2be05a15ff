package dev.spool.cli.store;

import dev.spool.cli.SpoolCommand;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.MetricBucket;
import dev.spool.store.MetricQuery;
import dev.spool.store.MetricSample;
import dev.spool.store.MetricSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spool metrics}: a metric's count, average, min, max and percentiles per time bucket, or its largest samples. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Count/avg/min/max/p50/p95/p99 of a stored metric per bucket.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool metrics --db logs/spool.db                                       the metric names",
            "  spool metrics --name request_duration --since 1h                       average response time, last hour",
            "  spool metrics --name request_duration --since 1h --bucket 1m           per minute",
            "  spool metrics --name request_duration --top 10                         the ten slowest operations",
            "  spool metrics --name request_duration --tag route=/api --json",
            "",
            "Percentiles are nearest-rank: p95 is a value that was recorded.",
            "Exit codes: 0 success, 1 the database could not be read, 2 usage error."})
public final class MetricsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--name", paramLabel = "NAME", description = "The metric; without it, the names stored are listed.")
    String name;

    @Option(names = "--since", paramLabel = "TIME", description = "From TIME: 90s, 15m, 1h, 7d before now, or an ISO-8601 instant.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before TIME (same forms as --since).")
    String until;

    @Option(names = "--bucket", paramLabel = "DURATION", description = "Bucket width such as 1m; without it, one row for the window.")
    String bucket;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only samples with this tag; repeat for several.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--top", paramLabel = "N", description = "The N largest samples instead of buckets (the slowest operations).")
    Integer top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MetricQuery query = name == null ? null : query();
        PrintWriter out = spec.commandLine().getOut();
        try (LogStore logs = store.open()) {
            if (query == null) {
                logs.metricNames().forEach(n -> out.println(store.json ? new JsonLine().string("name", n).toString() : n));
            } else if (top != null) {
                printSamples(out, logs.topSamples(query, top));
            } else {
                printSeries(out, logs.metrics(query));
            }
        }
        out.flush();
        return SpoolCommand.OK;
    }

    private MetricQuery query() {
        try {
            Instant now = Instant.now();
            long from = since == null ? Long.MIN_VALUE : LogQuery.micros(LogQuery.parseTime(since, now));
            long to = until == null ? Long.MAX_VALUE : LogQuery.micros(LogQuery.parseTime(until, now));
            Duration width = bucket == null ? null : StatsCommand.duration(spec, "--bucket", bucket);
            if (top != null && (top < 1 || top > LogQuery.MAX_LIMIT)) {
                throw new IllegalArgumentException("bad value " + top + " for --top: expected 1 to " + LogQuery.MAX_LIMIT);
            }
            return new MetricQuery(name, from, to, width, tags);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void printSeries(PrintWriter out, MetricSeries series) {
        if (store.json) {
            for (MetricBucket b : series.buckets()) {
                out.println(new JsonLine().string("name", series.name()).string("unit", series.unit())
                        .number("start_micros", b.startMicros()).number("count", b.count()).number("avg", b.avg())
                        .number("min", b.min()).number("max", b.max()).number("p50", b.p50()).number("p95", b.p95())
                        .number("p99", b.p99()));
            }
            return;
        }
        Table table = new Table("FROM (UTC)", "COUNT>", "AVG>", "MIN>", "MAX>", "P50>", "P95>", "P99>", "UNIT");
        for (MetricBucket b : series.buckets()) {
            table.row(RecordPrinter.time(b.startMicros()), String.format(Locale.ROOT, "%,d", b.count()), number(b.avg()),
                    number(b.min()), number(b.max()), number(b.p50()), number(b.p95()), number(b.p99()), series.unit());
        }
        printOrNothing(out, table);
    }

    private void printSamples(PrintWriter out, List<MetricSample> samples) {
        Table table = new Table("TIME (UTC)", "VALUE>", "UNIT", "TAGS");
        for (MetricSample s : samples) {
            if (store.json) {
                out.println(new JsonLine().string("id", s.eventId()).number("ts_micros", s.timestampMicros())
                        .string("name", s.name()).number("value", s.value()).string("unit", s.unit()).object("tags", s.tags()));
            } else {
                table.row(RecordPrinter.time(s.timestampMicros()), number(s.value()), s.unit(),
                        RecordPrinter.oneLine(s.tags().toString()));
            }
        }
        if (!store.json) {
            printOrNothing(out, table);
        }
    }

    private void printOrNothing(PrintWriter out, Table table) {
        if (table.isEmpty()) {
            spec.commandLine().getErr().println("no samples of '" + name + "' in that window");
            spec.commandLine().getErr().flush();
        } else {
            table.print(out);
        }
    }

    static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f" : "%.2f", v);
    }
}
