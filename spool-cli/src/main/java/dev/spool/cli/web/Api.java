package dev.spool.cli.web;

import dev.spool.Level;
import dev.spool.cli.store.AuditReport;
import dev.spool.cli.store.JsonLine;
import dev.spool.cli.store.TimeArgument;
import dev.spool.spi.Options;
import dev.spool.store.LevelStats;
import dev.spool.store.LogPage;
import dev.spool.store.LogQuery;
import dev.spool.store.LogRecord;
import dev.spool.store.LogStore;
import dev.spool.store.MetricBucket;
import dev.spool.store.MetricQuery;
import dev.spool.store.MetricSample;
import dev.spool.store.MetricSeries;
import dev.spool.store.NameCount;
import dev.spool.store.Order;
import dev.spool.store.Stats;
import dev.spool.store.StoreException;
import dev.spool.store.TimeBucket;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON endpoints under {@code /api/} (docs/web.md): each reads its parameters, asks the store, and
 * returns the body. Bad parameters are {@link HttpError}s naming the parameter; store failures are the
 * store's {@link StoreException}.
 */
final class Api {

    /** Most records one page of {@code /api/logs} returns. */
    static final int MAX_PAGE = 1_000;
    /** Most buckets a response carries; older ones are left out and counted. */
    static final int MAX_BUCKETS = 10_000;

    private static final Set<String> FILTERS = Set.of("level", "min_level", "since", "until", "logger", "thread",
            "correlation_id", "trace_id", "q");
    private static final Set<String> LOGS = union(FILTERS, Set.of("limit", "order", "after"));
    private static final Set<String> STATS = union(FILTERS, Set.of("bucket", "top"));
    private static final Set<String> METRICS = Set.of("name", "since", "until", "bucket");
    private static final Set<String> TOP = Set.of("name", "since", "until", "limit");
    private static final Set<String> HISTOGRAM = union(FILTERS, Set.of("buckets", "top"));
    private static final Set<String> AROUND = Set.of("time", "id", "thread", "before", "after");
    /** The parameters of {@code /api/audit}: those of {@code spool audit}. */
    static final Set<String> AUDIT = Set.of("since", "silent_after");
    /** Most bars {@code /api/histogram} draws. */
    static final int MAX_HISTOGRAM_BUCKETS = 1_000;
    /** Most events on each side of {@code /api/logs/around}. */
    static final int MAX_AROUND = 100;
    /** Bucket widths, in seconds, a histogram chooses from: the smallest that keeps the count asked for. */
    private static final long[] NICE_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
        21600, 43200, 86400, 172800, 604800, 2592000, 7776000, 31536000};

    private final StoreHandle store;
    private final String storeLabel;

    Api(StoreHandle store, String storeLabel) {
        this.store = store;
        this.storeLabel = storeLabel;
    }

    /** The body for {@code path} (below {@code /api}) with the raw query string, or a 404 {@link HttpError}. */
    String answer(String path, String rawQuery) {
        return switch (path) {
            case "/api/logs" -> logs(Params.parse(rawQuery, LOGS, Set.of("field", "context")));
            case "/api/stats" -> stats(Params.parse(rawQuery, STATS, Set.of("field", "context")));
            case "/api/metrics" -> metrics(Params.parse(rawQuery, METRICS, Set.of("tag")));
            case "/api/metrics/names" -> names(Params.parse(rawQuery, Set.of(), Set.of()));
            case "/api/metrics/top" -> top(Params.parse(rawQuery, TOP, Set.of("tag")));
            case "/api/health" -> health(Params.parse(rawQuery, Set.of(), Set.of()));
            case "/api/histogram" -> histogram(Params.parse(rawQuery, HISTOGRAM, Set.of("field", "context")));
            case "/api/logs/around" -> around(Params.parse(rawQuery, AROUND, Set.of()));
            case "/api/audit" -> audit(Params.parse(rawQuery, AUDIT, Set.of()));
            default -> throw new HttpError(404, "no endpoint " + path + "; see /api/logs, /api/logs/around, /api/stats,"
                    + " /api/histogram, /api/metrics, /api/metrics/names, /api/metrics/top, /api/audit, /api/health");
        };
    }

    private String logs(Params p) {
        LogQuery.Builder b = filters(p).limit(p.integer("limit", 100, 1, MAX_PAGE)).after(p.get("after"));
        String order = p.get("order");
        if (order != null && !order.equals("newest") && !order.equals("oldest")) {
            throw new HttpError(400, "bad value '" + order + "' for parameter 'order': expected newest or oldest");
        }
        b.order("oldest".equals(order) ? Order.OLDEST_FIRST : Order.NEWEST_FIRST);
        LogQuery query = build(b);
        LogPage page;
        try {
            page = store.read(s -> s.query(query));
        } catch (IllegalArgumentException e) { // the store reads the cursor
            throw new HttpError(400, "parameter 'after': " + e.getMessage());
        }
        List<String> records = new ArrayList<>(page.records().size());
        for (LogRecord r : page.records()) {
            records.add(JsonLine.record(r));
        }
        return new JsonLine().array("records", records).string("next", page.nextCursor()).toString();
    }

    private String stats(Params p) {
        Duration bucket = duration(p, "bucket", Duration.ofMinutes(1));
        int top = p.integer("top", 10, 1, 100);
        LogQuery filter = build(filters(p));
        Stats stats = store.read(s -> s.stats(filter, bucket, top));
        List<String> levels = new ArrayList<>();
        for (LevelStats l : stats.levels()) {
            levels.add(new JsonLine().string("level", l.level().name()).number("count", l.count())
                    .number("percent", l.percent()).toString());
        }
        List<TimeBucket> kept = newest(stats.buckets());
        List<String> buckets = new ArrayList<>(kept.size());
        for (TimeBucket t : kept) {
            buckets.add(new JsonLine().string("start", JsonLine.instant(t.startMicros())).number("start_micros", t.startMicros())
                    .number("count", t.count()).toString());
        }
        return new JsonLine().number("total", stats.total()).array("levels", levels)
                .array("loggers", counts(stats.loggers())).array("threads", counts(stats.threads()))
                .number("bucket_seconds", bucket.toMillis() / 1000.0).array("buckets", buckets)
                .number("buckets_left_out", stats.buckets().size() - kept.size()).toString();
    }

    /**
     * Events per bucket over a whole window, empty buckets included, so that bars line up with a time axis:
     * the window is {@code since} (or the oldest matching event) to {@code until} (or now), cut into at most
     * about {@code buckets} buckets of a round width aligned to the epoch, as {@code /api/metrics} aligns
     * its buckets (so a metric chart asked for {@code bucket=<bucket_seconds>s} over the same window has
     * the same bars). With the level counts and the {@code top} busiest loggers and threads of the window.
     */
    private String histogram(Params p) {
        int wanted = p.integer("buckets", 60, 1, MAX_HISTOGRAM_BUCKETS);
        int top = p.integer("top", 10, 0, 100);
        Instant now = Instant.now();
        LogQuery.Builder b = filters(p);
        long until = p.get("until") == null ? LogQuery.micros(now) : LogQuery.micros(value(p, "until", t -> LogQuery.parseTime(t, now)));
        long since;
        if (p.get("since") != null) {
            since = LogQuery.micros(value(p, "since", t -> LogQuery.parseTime(t, now)));
        } else {
            LogQuery first = build(filters(p).untilMicros(until).limit(1).order(Order.OLDEST_FIRST));
            List<LogRecord> oldest = store.read(s -> s.query(first)).records();
            since = oldest.isEmpty() ? until - 3_600_000_000L : oldest.get(0).timestampMicros();
        }
        if (since >= until && p.get("until") == null) {
            until = since + 3_600_000_000L; // a window that starts in the future: an hour of it, empty
        } else if (since >= until) {
            throw new HttpError(400, "parameter 'since' (" + JsonLine.instant(since) + ") is not before 'until' ("
                    + JsonLine.instant(until) + ")");
        }
        long width = bucketSeconds(until - since, wanted) * 1_000_000L;
        b.sinceMicros(since).untilMicros(until);
        LogQuery filter = build(b);
        Stats stats = store.read(s -> s.stats(filter, Duration.ofNanos(width * 1_000), top));
        Map<Long, Long> counts = new HashMap<>();
        for (TimeBucket t : stats.buckets()) {
            counts.put(t.startMicros(), t.count());
        }
        List<String> buckets = new ArrayList<>();
        for (long start = Math.floorDiv(since, width) * width; start < until; start += width) {
            buckets.add(new JsonLine().string("start", JsonLine.instant(start)).number("start_micros", start)
                    .number("count", counts.getOrDefault(start, 0L)).toString());
        }
        List<String> levels = new ArrayList<>();
        for (LevelStats l : stats.levels()) {
            levels.add(new JsonLine().string("level", l.level().name()).number("count", l.count())
                    .number("percent", l.percent()).toString());
        }
        return new JsonLine().string("since", JsonLine.instant(since)).number("since_micros", since)
                .string("until", JsonLine.instant(until)).number("until_micros", until)
                .number("bucket_seconds", width / 1_000_000).number("total", stats.total()).array("buckets", buckets)
                .array("levels", levels).array("loggers", counts(stats.loggers())).array("threads", counts(stats.threads()))
                .toString();
    }

    /** The smallest round width, in seconds, that cuts {@code spanMicros} into at most {@code wanted} buckets. */
    static long bucketSeconds(long spanMicros, int wanted) {
        double seconds = spanMicros / 1e6 / wanted;
        for (long s : NICE_SECONDS) {
            if (s >= seconds) {
                return s;
            }
        }
        return (long) Math.ceil(seconds / 86400) * 86400;
    }

    /**
     * The events just before and after a moment ("surrounding events"): {@code before} older and
     * {@code after} newer ones, across loggers or, with {@code thread}, on that thread only. With {@code id},
     * the moment is that event's: it is returned as {@code event} (null when no event with that id is at
     * that time) and left out of both sides. Events at the same microsecond are ordered by id.
     */
    private String around(Params p) {
        Instant now = Instant.now();
        p.required("time");
        long at = LogQuery.micros(value(p, "time", t -> LogQuery.parseTime(t, now)));
        String id = p.get("id");
        int before = p.integer("before", 10, 0, MAX_AROUND);
        int after = p.integer("after", 10, 0, MAX_AROUND);
        String thread = p.get("thread");
        // Events at the very microsecond of the anchor fall on either side by id; a few extra rows cover them.
        int slack = 20;
        LogQuery older = build(LogQuery.builder().thread(thread).untilMicros(at + 1).order(Order.NEWEST_FIRST)
                .limit(before + slack));
        LogQuery newer = build(LogQuery.builder().thread(thread).sinceMicros(at).order(Order.OLDEST_FIRST)
                .limit(after + slack));
        List<LogRecord> olderRows = store.read(s -> s.query(older)).records();
        List<LogRecord> newerRows = store.read(s -> s.query(newer)).records();
        Comparator<LogRecord> byTime = Comparator.comparingLong(LogRecord::timestampMicros)
                .thenComparing(LogRecord::eventId);
        LogRecord anchor = null;
        TreeSet<LogRecord> all = new TreeSet<>(byTime);
        all.addAll(olderRows);
        all.addAll(newerRows);
        List<String> beforeJson = new ArrayList<>();
        List<String> afterJson = new ArrayList<>();
        List<LogRecord> lower = new ArrayList<>();
        for (LogRecord r : all) {
            int side = Long.compare(r.timestampMicros(), at);
            if (side == 0 && id != null) {
                side = r.eventId().compareTo(id);
            } else if (side == 0) {
                side = 1; // without an anchor the moment itself counts as after
            }
            if (side == 0) {
                anchor = r;
            } else if (side < 0) {
                lower.add(r);
            } else if (afterJson.size() < after) {
                afterJson.add(JsonLine.record(r));
            }
        }
        for (LogRecord r : lower.subList(Math.max(0, lower.size() - before), lower.size())) {
            beforeJson.add(JsonLine.record(r));
        }
        return new JsonLine().string("time", JsonLine.instant(at)).number("time_micros", at).array("before", beforeJson)
                .raw("event", anchor == null ? "null" : JsonLine.record(anchor)).array("after", afterJson).toString();
    }

    private String metrics(Params p) {
        Duration bucket = p.get("bucket") == null ? null : duration(p, "bucket", null);
        MetricQuery query = metricQuery(p, bucket);
        if (query.isPattern()) {
            throw new HttpError(400, "parameter 'name': '" + query.name() + "' is a pattern; a series is of one"
                    + " metric (/api/metrics/top takes a pattern)");
        }
        MetricSeries series = store.read(s -> s.metrics(query));
        List<MetricBucket> kept = newest(series.buckets());
        List<String> buckets = new ArrayList<>(kept.size());
        for (MetricBucket m : kept) {
            buckets.add(new JsonLine().string("start", JsonLine.instant(m.startMicros())).number("start_micros", m.startMicros())
                    .number("count", m.count()).number("avg", m.avg()).number("min", m.min()).number("max", m.max())
                    .number("p50", m.p50()).number("p95", m.p95()).number("p99", m.p99()).toString());
        }
        JsonLine j = new JsonLine().string("name", series.name()).string("unit", series.unit());
        if (bucket == null) {
            j.raw("bucket_seconds", "null");
        } else {
            j.number("bucket_seconds", bucket.toMillis() / 1000.0);
        }
        return j.array("buckets", buckets).number("buckets_left_out", series.buckets().size() - kept.size()).toString();
    }

    private String names(Params p) {
        List<String> names = new ArrayList<>();
        for (String name : store.read(LogStore::metricNames)) {
            names.add(JsonLine.quoted(name));
        }
        return new JsonLine().array("names", names).toString();
    }

    private String top(Params p) {
        int limit = p.integer("limit", 10, 1, MAX_PAGE);
        List<String> samples = new ArrayList<>();
        MetricQuery query = metricQuery(p, null);
        for (MetricSample s : store.read(st -> st.topSamples(query, limit))) {
            samples.add(new JsonLine().string("id", s.eventId()).string("time", JsonLine.instant(s.timestampMicros()))
                    .number("ts_micros", s.timestampMicros()).string("name", s.name()).number("value", s.value())
                    .string("unit", s.unit()).object("tags", s.tags()).toString());
        }
        return new JsonLine().array("samples", samples).toString();
    }

    /**
     * What {@code spool audit --json} reports for the same {@code since} (default 24h) and
     * {@code silent_after} (default 1m), read the same way, with the totals and the command's exit code.
     */
    private String audit(Params p) {
        Instant now = Instant.now();
        String since = p.get("since") == null ? "24h" : p.get("since");
        String silence = p.get("silent_after") == null ? "1m" : p.get("silent_after");
        long from;
        Duration silentAfter;
        try {
            from = AuditReport.since("parameter 'since'", since, now);
            silentAfter = AuditReport.silentAfter("parameter 'silent_after'", silence);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        return store.read(s -> AuditReport.run(s, from, now, silentAfter)).json();
    }

    private String health(Params p) {
        return new JsonLine().string("status", "ok").string("store", storeLabel).number("size_bytes", store.read(LogStore::sizeBytes))
                .toString();
    }

    /** The body of a {@code 503} from {@code /api/health}. */
    static String unavailable(String error) {
        return new JsonLine().string("status", "unavailable").string("error", error).toString();
    }

    private static LogQuery.Builder filters(Params p) {
        LogQuery.Builder b = LogQuery.builder();
        String level = p.get("level");
        String minLevel = p.get("min_level");
        if (level != null && minLevel != null) {
            throw new HttpError(400, "parameters 'level' and 'min_level' exclude each other");
        }
        if (level != null) {
            b.level(value(p, "level", Level::parse));
        }
        if (minLevel != null) {
            b.levelAtLeast(value(p, "min_level", Level::parse));
        }
        Instant now = Instant.now();
        if (p.get("since") != null) {
            b.sinceMicros(value(p, "since", t -> TimeArgument.micros("'since'", t, now, ZoneId.systemDefault(), Long.MIN_VALUE)));
        }
        if (p.get("until") != null) {
            b.untilMicros(value(p, "until", t -> TimeArgument.micros("'until'", t, now, ZoneId.systemDefault(), Long.MAX_VALUE)));
        }
        b.loggerPrefix(p.get("logger")).thread(p.get("thread")).correlationId(p.get("correlation_id")).text(p.get("q"));
        p.pairs("field").forEach(b::field);
        p.pairs("context").forEach(b::context);
        if (p.get("trace_id") != null) {
            b.context("trace_id", p.get("trace_id").strip().toLowerCase(java.util.Locale.ROOT));
        }
        return b;
    }

    private static MetricQuery metricQuery(Params p, Duration bucket) {
        Instant now = Instant.now();
        long since = p.get("since") == null ? Long.MIN_VALUE
                : value(p, "since", t -> TimeArgument.micros("'since'", t, now, ZoneId.systemDefault(), Long.MIN_VALUE));
        long until = p.get("until") == null ? Long.MAX_VALUE
                : value(p, "until", t -> TimeArgument.micros("'until'", t, now, ZoneId.systemDefault(), Long.MAX_VALUE));
        String name = p.required("name");
        Map<String, String> tags = p.pairs("tag");
        try {
            return new MetricQuery(name, since, until, bucket, tags);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    private static LogQuery build(LogQuery.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /** A duration of at least one second (finer buckets are not useful on a page and can be many). */
    private static Duration duration(Params p, String name, Duration otherwise) {
        String text = p.get(name);
        if (text == null) {
            return otherwise;
        }
        try {
            Duration d = Options.parseDuration(text);
            if (d.compareTo(Duration.ofSeconds(1)) >= 0) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below with the accepted forms
        }
        throw new HttpError(400, "bad value '" + text + "' for parameter '" + name
                + "': expected a duration of at least 1s such as 10s, 1m or 1h");
    }

    private static <T> T value(Params p, String name, Function<String, T> parse) {
        try {
            return parse.apply(p.get(name));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "parameter '" + name + "': " + e.getMessage());
        }
    }

    private static List<String> counts(List<NameCount> counts) {
        List<String> out = new ArrayList<>(counts.size());
        for (NameCount c : counts) {
            out.add(new JsonLine().string("name", c.name()).number("count", c.count()).toString());
        }
        return out;
    }

    private static <T> List<T> newest(List<T> buckets) {
        return buckets.size() <= MAX_BUCKETS ? buckets : buckets.subList(buckets.size() - MAX_BUCKETS, buckets.size());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
