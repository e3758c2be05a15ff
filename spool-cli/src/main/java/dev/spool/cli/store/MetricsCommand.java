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
import java.time.ZoneId;
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
            "  spool metrics --db logs/spool.db                        the names",
            "  spool metrics --name request_duration -s 1h             last hour",
            "  spool metrics --name request_duration -s 1h --bucket 1m  per minute",
            "  spool metrics --name request_duration --top 10          slowest 10",
            "  spool metrics --name 'request_*' --top 10               slowest of request_*",
            "  spool metrics --name request_duration --raw -n 20       newest 20 samples",
            "  spool metrics --name request_duration --tag route=/login --json",
            "",
            "Percentiles are nearest-rank: p95 is a value that was recorded.",
            "Exit codes: 0 success, 1 the database could not be read, 2 usage error."})
public final class MetricsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--name", paramLabel = "NAME", description = "The metric; without it, the names stored are listed.")
    String name;

    @Option(names = {"-s", "--since"}, paramLabel = "TIME",
            description = "From TIME: all, a duration before now (90s, 15m, 1h, 7d), or an ISO-8601 time "
                    + "(2026-11-21T10:00:00Z; without a zone, in local time).")
    String since;

    @Option(names = {"-u", "--until"}, paramLabel = "TIME", description = "Before TIME (same forms as --since).")
    String until;

    @Option(names = "--bucket", paramLabel = "DURATION", description = "Bucket width such as 1m; without it, one row for the window.")
    String bucket;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Only samples with this tag; repeat for several.")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--top", paramLabel = "N", description = "The N largest samples instead of buckets (the slowest "
            + "operations); --name may be a pattern with * and ? to rank samples of every matching metric.")
    Integer top;

    @Option(names = "--raw", description = "The newest samples as stored instead of buckets (with -n/--limit); --name may "
            + "be a pattern with * and ?.")
    boolean raw;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "With --raw: how many samples (default: 20).")
    Integer limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (name == null && (top != null || raw)) {
            throw new ParameterException(spec.commandLine(), (top != null ? "--top" : "--raw") + " needs --name NAME (a"
                    + " metric, or a pattern such as 'operation_duration_*'); the names stored: spool metrics");
        }
        if (top != null && raw) {
            throw new ParameterException(spec.commandLine(), "--top and --raw exclude each other: the largest samples"
                    + " or the newest");
        }
        if (limit != null && !raw) {
            throw new ParameterException(spec.commandLine(), "--limit goes with --raw (--top N says how many itself)");
        }
        MetricQuery query = name == null ? null : query();
        if (query != null && query.isPattern() && top == null && !raw) {
            throw new ParameterException(spec.commandLine(), "bad value '" + name + "' for --name: a pattern needs --top"
                    + " or --raw (a series is of one metric)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LogStore logs = store.open()) {
            if (query == null) {
                logs.metricNames().forEach(n -> out.println(store.json ? new JsonLine().string("name", n).toString() : n));
            } else if (top != null) {
                printSamples(out, logs, logs.topSamples(query, top));
            } else if (raw) {
                printSamples(out, logs, logs.latestSamples(query, limit == null ? 20 : limit));
            } else {
                printSeries(out, logs, logs.metrics(query));
            }
        }
        out.flush();
        return SpoolCommand.OK;
    }

    private MetricQuery query() {
        try {
            Instant now = Instant.now();
            long from = since == null ? Long.MIN_VALUE
                    : TimeArgument.micros("--since", since, now, ZoneId.systemDefault(), Long.MIN_VALUE);
            long to = until == null ? Long.MAX_VALUE
                    : TimeArgument.micros("--until", until, now, ZoneId.systemDefault(), Long.MAX_VALUE);
            Duration width = bucket == null ? null : StatsCommand.duration(spec, "--bucket", bucket);
            if (top != null && (top < 1 || top > LogQuery.MAX_LIMIT)) {
                throw new IllegalArgumentException("bad value " + top + " for --top: expected 1 to " + LogQuery.MAX_LIMIT);
            }
            if (limit != null && (limit < 1 || limit > LogQuery.MAX_LIMIT)) {
                throw new IllegalArgumentException("bad value " + limit + " for --limit: expected 1 to " + LogQuery.MAX_LIMIT);
            }
            return new MetricQuery(name, from, to, width, tags);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void printSeries(PrintWriter out, LogStore logs, MetricSeries series) {
        if (series.buckets().isEmpty()) {
            explainEmpty(logs);
            return;
        }
        if (store.json) {
            for (MetricBucket b : series.buckets()) {
                out.println(new JsonLine().string("name", series.name()).string("unit", series.unit())
                        .string("start", JsonLine.instant(b.startMicros())).number("start_micros", b.startMicros()).number("count", b.count()).number("avg", b.avg())
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
        table.print(out);
    }

    private void printSamples(PrintWriter out, LogStore logs, List<MetricSample> samples) {
        if (samples.isEmpty()) {
            explainEmpty(logs);
            return;
        }
        Table table = new Table("TIME (UTC)", "NAME", "VALUE>", "UNIT", "TAGS");
        for (MetricSample s : samples) {
            if (store.json) {
                out.println(new JsonLine().string("id", s.eventId()).string("ts", JsonLine.instant(s.timestampMicros()))
                        .number("ts_micros", s.timestampMicros())
                        .string("name", s.name()).number("value", s.value()).string("unit", s.unit()).object("tags", s.tags()));
            } else {
                table.row(RecordPrinter.time(s.timestampMicros()), s.name(), number(s.value()), s.unit(),
                        RecordPrinter.oneLine(pairs(s.tags())));
            }
        }
        if (!store.json) {
            table.print(out);
        }
    }

    /** Tags as the console and {@code --tag} write them: {@code layer=app.db route=/login}. */
    static String pairs(Map<String, String> tags) {
        StringBuilder b = new StringBuilder();
        tags.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    /** On stderr: the metric is unknown (and which are known), or has no samples in the range or with the tags. */
    private void explainEmpty(LogStore logs) {
        List<String> known = logs.metricNames();
        String why;
        if (MetricQuery.of(name).isPattern()) {
            why = "no samples of a metric matching '" + name + "'" + (known.isEmpty() ? ": this store holds no metrics"
                    : "; the metrics stored are: " + String.join(", ", known));
        } else if (!known.contains(name)) {
            why = known.isEmpty() ? "no metric named '" + name + "': this store holds no metrics"
                    : "no metric named '" + name + "'; the metrics stored are: " + String.join(", ", known);
        } else {
            why = "no samples of '" + name + "'" + (tags.isEmpty() ? "" : " with " + pairs(tags))
                    + (since == null && until == null ? "" : " in that time range (--since all is everything)");
        }
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + why);
        spec.commandLine().getErr().flush();
    }

    static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f" : "%.2f", v);
    }
}
