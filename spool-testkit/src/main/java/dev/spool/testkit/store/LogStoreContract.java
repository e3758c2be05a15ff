package dev.spool.testkit.store;

import dev.spool.Context;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.LogEvent;
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
import dev.spool.store.RetentionPolicy;
import dev.spool.store.Stats;
import dev.spool.store.TimeBucket;
import dev.spool.spi.RemoteThrowable;
import dev.spool.testkit.RandomEvents;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link LogStore} must do, whatever holds the data. A store's test extends this class and says
 * how events reach it ({@link #storeWith}); the tests below then run against that store.
 */
public abstract class LogStoreContract {

    /** 2025-11-22T00:00:00Z: events of the sample are minutes after it. */
    protected static final long T0 = 1_763_769_600_000_000L;
    private static final long MINUTE = 60_000_000L;
    private static final AtomicLong IDS = new AtomicLong(1);

    private LogStore store;

    /**
     * Writes {@code events} through this store's destination, in order, waits until they are stored, and
     * returns a store over them. Each call starts from an empty store.
     */
    protected abstract LogStore storeWith(List<LogEvent> events) throws Exception;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private LogStore open(List<LogEvent> events) throws Exception {
        store = storeWith(events);
        return store;
    }

    /** A log event with a fresh id at {@code T0 + minutes}. */
    protected static TestEvent log(int minutes, Level level, String logger, String thread, String message) {
        long ts = T0 + minutes * MINUTE;
        return TestEvent.event().id(EventId.high(ts / 1_000), IDS.getAndIncrement()).timestampMicros(ts)
                .level(level).logger(logger).thread(thread, thread.hashCode()).message(message);
    }

    private static TestMetric metric(long timestampMicros, String name, double value) {
        return new TestMetric(IDS.getAndIncrement(), timestampMicros, name, value, "ms");
    }

    /** Eight events over six minutes; the tests below name them by message. */
    protected static List<LogEvent> sample() {
        IOException failure = new IOException("read timed out", new SocketTimeoutException("30s"));
        return List.of(
                log(0, Level.INFO, "app.db", "main", "connected to db").field("user_id", 42L)
                        .context(Context.CORRELATION_ID, "c-1"),
                log(1, Level.WARN, "app.db.pool", "pool-1", "pool at 80%").field("used", 8L).field("ok", true),
                log(2, Level.ERROR, "app.http", "worker-1", "request timeout after 30s").field("user_id", 7L)
                        .context(Context.CORRELATION_ID, "c-2").throwable(failure),
                log(3, Level.DEBUG, "app.dbx", "main", "sibling logger"),
                log(4, Level.ERROR, "app.db", "worker-2", "query failed: Timeout").field("user_id", "42")
                        .context(Context.CORRELATION_ID, "c-1"),
                log(5, Level.FATAL, "app", "main", "out of memory"),
                log(5, Level.INFO, "app.http", "worker-1", "GET /health 200"),
                log(6, Level.TRACE, "app.db.pool", "pool-1", "borrowed connection 100%_done"));
    }

    /**
     * A string as this store keeps it; PostgreSQL overrides this (its text cannot hold NUL). The contract
     * uses it for field keys and values only.
     */
    protected String asStored(String text) {
        return text;
    }

    /** A field value as every store reads it back: integers as Long, fractions as Double, NaN as text. */
    private Object typedAsRead(Object logged) {
        if (logged instanceof Integer || logged instanceof Short || logged instanceof Byte) {
            return ((Number) logged).longValue();
        }
        if (logged instanceof Double && !Double.isFinite((Double) logged)) {
            return logged.toString();
        }
        return logged instanceof String ? asStored((String) logged) : logged;
    }

    /** Frames as the formats print them and read them back ({@code a.b.C.m(C.java:10)}). */
    private static StackTraceElement[] frameTexts(StackTraceElement[] frames) {
        StackTraceElement[] read = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            String location = f.isNativeMethod() ? "Native Method" : f.getFileName() == null ? "Unknown Source"
                    : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
            read[i] = RemoteThrowable.frameOf(f.getClassName() + "." + f.getMethodName() + "(" + location + ")");
        }
        return read;
    }

    private List<String> messages(LogQuery query) {
        List<String> messages = new ArrayList<>();
        store.query(query).records().forEach(r -> messages.add(r.message()));
        return messages;
    }

    private static LogQuery where(Consumer<LogQuery.Builder> criteria) {
        LogQuery.Builder b = LogQuery.builder();
        criteria.accept(b);
        return b.build();
    }

    @Nested
    class Filters {

        @Test
        void levelExactMatchesOnlyThatLevel() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.level(Level.ERROR))))
                    .containsExactly("query failed: Timeout", "request timeout after 30s");
        }

        @Test
        void levelAtLeastMatchesThatLevelAndMoreSevere() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.levelAtLeast(Level.ERROR))))
                    .containsExactly("out of memory", "query failed: Timeout", "request timeout after 30s");
        }

        @Test
        void timeRangeIncludesSinceAndExcludesUntil() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.sinceMicros(T0 + 2 * MINUTE).untilMicros(T0 + 5 * MINUTE))))
                    .containsExactly("query failed: Timeout", "sibling logger", "request timeout after 30s");
        }

        @Test
        void loggerPrefixMatchesTheLoggerAndItsDescendantsButNotSiblings() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.loggerPrefix("app.db")))).containsExactly(
                    "borrowed connection 100%_done", "query failed: Timeout", "pool at 80%", "connected to db");
        }

        @Test
        void threadAndCorrelationIdMatchExactly() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.thread("worker-1"))))
                    .containsExactly("GET /health 200", "request timeout after 30s");
            assertThat(messages(where(q -> q.correlationId("c-1"))))
                    .containsExactly("query failed: Timeout", "connected to db");
        }

        @Test
        void contextEqualityFindsATracesEventsAndOnlyThose() throws Exception {
            open(List.of(
                    log(0, Level.INFO, "app.http", "t1", "request in").context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                            .context("span_id", "00f067aa0ba902b7"),
                    log(1, Level.INFO, "app.db", "t1", "query").context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"),
                    log(2, Level.INFO, "app.http", "t2", "other request").context("trace_id", "0af7651916cd43dd8448eb211c80319c"),
                    log(3, Level.INFO, "app.http", "t3", "no trace").field("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")));
            assertThat(messages(where(q -> q.context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"))))
                    .as("a field of the same name is not context").containsExactly("query", "request in");
            assertThat(messages(where(q -> q.context("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                    .context("span_id", "00f067aa0ba902b7")))).containsExactly("request in");
            assertThat(messages(where(q -> q.context("trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736")))).as("exact").isEmpty();
        }

        @Test
        void fieldEqualityComparesTheTextFormOfNumbersBooleansAndStrings() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.field("user_id", "42"))))
                    .containsExactly("query failed: Timeout", "connected to db");
            assertThat(messages(where(q -> q.field("used", "8").field("ok", "true")))).containsExactly("pool at 80%");
            assertThat(messages(where(q -> q.field("ok", "false")))).isEmpty();
        }

        @Test
        void textMatchesMessagesContainingItIgnoringAsciiCase() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.text("timeout"))))
                    .containsExactly("query failed: Timeout", "request timeout after 30s");
        }

        @Test
        void textWithWildcardCharactersIsMatchedLiterally() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.text("100%_")))).containsExactly("borrowed connection 100%_done");
            assertThat(messages(where(q -> q.text("%")))).containsExactly("borrowed connection 100%_done", "pool at 80%");
            assertThat(messages(where(q -> q.text("_")))).containsExactly("borrowed connection 100%_done");
        }

        @Test
        void allCriteriaMustHold() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.levelAtLeast(Level.WARN).loggerPrefix("app.db").text("fail"))))
                    .containsExactly("query failed: Timeout");
        }
    }

    @Nested
    class Paging {

        @Test
        void oldestFirstKeepsInsertionOrderForEqualTimestamps() throws Exception {
            open(sample());
            assertThat(messages(where(q -> q.order(Order.OLDEST_FIRST)))).containsExactly("connected to db",
                    "pool at 80%", "request timeout after 30s", "sibling logger", "query failed: Timeout",
                    "out of memory", "GET /health 200", "borrowed connection 100%_done");
        }

        @Test
        void keysetPagesCoverEveryEventOnceAndTheLastPageHasNoCursor() throws Exception {
            open(sample());
            LogQuery query = where(q -> q.limit(3));
            LogPage first = store.query(query);
            LogPage second = store.query(query.after(first.nextCursor()));
            LogPage third = store.query(query.after(second.nextCursor()));

            assertThat(first.records()).extracting(LogRecord::message)
                    .containsExactly("borrowed connection 100%_done", "GET /health 200", "out of memory");
            assertThat(second.records()).extracting(LogRecord::message)
                    .containsExactly("query failed: Timeout", "sibling logger", "request timeout after 30s");
            assertThat(third.records()).extracting(LogRecord::message)
                    .containsExactly("pool at 80%", "connected to db");
            assertThat(third.nextCursor()).isNull();
        }

        @Test
        void oldestFirstPagesContinueForward() throws Exception {
            open(sample());
            LogQuery query = where(q -> q.limit(5).order(Order.OLDEST_FIRST).levelAtLeast(Level.DEBUG));
            LogPage first = store.query(query);
            LogPage second = store.query(query.after(first.nextCursor()));
            assertThat(second.records()).extracting(LogRecord::message).containsExactly("out of memory", "GET /health 200");
            assertThat(second.nextCursor()).isNull();
        }

        @Test
        void aMalformedCursorIsRejectedWithAMessage() throws Exception {
            open(sample());
            assertThatThrownBy(() -> store.query(where(q -> q.after("not-a-cursor"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void everyAttributeOfAnEventComesBack() throws Exception {
            TestEvent event = (TestEvent) sample().get(2);
            event.resource(new Resource("billing", "host-7", 777));
            open(List.of(event));
            LogRecord r = store.query(LogQuery.all()).records().get(0);

            assertThat(r.eventId()).isEqualTo(EventId.toString(event.idHigh(), event.idLow()));
            assertThat(r.timestampMicros()).isEqualTo(T0 + 2 * MINUTE);
            assertThat(r.level()).isEqualTo(Level.ERROR);
            assertThat(r.logger()).isEqualTo("app.http");
            assertThat(r.thread()).isEqualTo("worker-1");
            assertThat(r.threadId()).isEqualTo("worker-1".hashCode());
            assertThat(r.fields()).isEqualTo(Map.of("user_id", 7L));
            assertThat(r.context()).isEqualTo(Map.of("correlation_id", "c-2"));
            assertThat(r.correlationId()).isEqualTo("c-2");
            assertThat(List.of(r.service(), r.host(), r.pid())).containsExactly("billing", "host-7", 777L);
            RemoteThrowable exception = r.exception();
            assertThat(exception.className()).isEqualTo("java.io.IOException");
            assertThat(exception.getMessage()).isEqualTo("read timed out");
            assertThat(exception.getStackTrace()).isEqualTo(frameTexts(event.throwable().getStackTrace()));
            RemoteThrowable cause = (RemoteThrowable) exception.getCause();
            assertThat(List.of(cause.className(), cause.getMessage())).containsExactly("java.net.SocketTimeoutException", "30s");
            assertThat(cause.getCause()).isNull();
        }

        @Test
        void fieldValuesComeBackWithTheTypeTheyWereLoggedWith() throws Exception {
            open(List.of(log(0, Level.INFO, "app", "main", "typed").field("user_id", 42).field("ratio", 0.75)
                    .field("admin", true).field("code", "042").field("big", Long.MIN_VALUE).field("e15", 1.0e15)
                    .field("tiny", 1.0e-5).field("float", 0.1f).field("none", null).field("nan", Double.NaN)
                    .field("yes", "true")));
            Map<String, Object> fields = store.query(LogQuery.all()).records().get(0).fields();

            // in any order: PostgreSQL's jsonb keeps its own order of keys, not the logged one
            assertThat(fields).containsOnly(entry("user_id", 42L), entry("ratio", 0.75), entry("admin", true),
                    entry("code", "042"), entry("big", Long.MIN_VALUE), entry("e15", 1.0e15), entry("tiny", 1.0e-5),
                    entry("float", 0.1), entry("none", null), entry("nan", "NaN"), entry("yes", "true"));
        }

        /**
         * Property: whatever the fields (keys and strings of awkward text, integers, fractions from 1e-20 to
         * 1e19, booleans, NaN and infinities), each comes back with its type and value. The seed is fixed;
         * {@code -Dspool.seed=N} tries another, and a failure names the one it ran with.
         */
        @Test
        void randomTypedFieldsComeBackAsLogged() throws Exception {
            long seed = Long.getLong("spool.seed", 20261205L);
            RandomEvents random = new RandomEvents(seed, true);
            List<LogEvent> events = new ArrayList<>();
            Map<String, Map<String, Object>> expected = new java.util.HashMap<>();
            for (int i = 0; i < 200; i++) {
                long ts = T0 + i;
                TestEvent e = random.next().timestampMicros(ts).id(EventId.high(ts / 1_000), IDS.getAndIncrement());
                events.add(e);
                Map<String, Object> fields = new java.util.LinkedHashMap<>();
                random.fields.forEach((k, v) -> fields.put(asStored(k), typedAsRead(v)));
                expected.put(EventId.toString(e.idHigh(), e.idLow()), fields);
            }
            open(events);

            List<LogRecord> records = store.query(where(q -> q.limit(1000))).records();
            assertThat(records).as("seed %d", seed).hasSize(events.size());
            for (LogRecord r : records) {
                assertThat(r.fields()).as("seed %d, event %s", seed, r.eventId())
                        .containsExactlyInAnyOrderEntriesOf(expected.get(r.eventId()));
            }
        }

        @Test
        void quotesAndSqlInLoggerMessageThreadAndFieldsAreStoredAndMatchedAsData() throws Exception {
            String evil = "it's \"quoted\" '; DROP TABLE logs; --";
            LogEvent hostile = log(0, Level.WARN, "app.'; DROP TABLE logs; --", "t'\"; --", evil)
                    .field("k'ey\"", evil).field("line\nbreak", "tab\there");
            open(List.of(hostile, log(1, Level.INFO, "app", "main", "still here")));

            LogRecord r = store.query(where(q -> q.loggerPrefix("app.'; DROP TABLE logs; --"))).records().get(0);
            assertThat(r.message()).isEqualTo(evil);
            assertThat(r.thread()).isEqualTo("t'\"; --");
            assertThat(r.fields()).isEqualTo(Map.of("k'ey\"", evil, "line\nbreak", "tab\there"));
            assertThat(messages(where(q -> q.text("'; DROP TABLE logs; --")))).containsExactly(evil);
            assertThat(messages(where(q -> q.field("k'ey\"", evil).thread("t'\"; --")))).containsExactly(evil);
            assertThat(store.query(LogQuery.all()).records()).hasSize(2);
        }

        @Test
        void anEventStoredTwiceIsKeptOnce() throws Exception {
            LogEvent event = log(0, Level.INFO, "app", "main", "once");
            open(List.of(event, event, log(1, Level.INFO, "app", "main", "other")));
            assertThat(messages(LogQuery.all())).containsExactly("other", "once");
        }

        @Test
        void metricSamplesAreNotLogs() throws Exception {
            open(List.of(metric(T0, "request_duration", 5)));
            assertThat(store.query(LogQuery.all()).records()).isEmpty();
            assertThat(store.metricNames()).containsExactly("request_duration");
        }
    }

    @Nested
    class Statistics {

        @Test
        void countsByLevelWithPercentagesIncludingZeroLevels() throws Exception {
            open(sample());
            Stats stats = store.stats(LogQuery.all(), Duration.ofMinutes(1), 10);
            assertThat(stats.total()).isEqualTo(8);
            assertThat(stats.levels()).extracting(LevelStats::count).containsExactly(1L, 1L, 2L, 1L, 2L, 1L);
            LevelStats errors = stats.levels().get(Level.ERROR.ordinal());
            assertThat(errors.level()).isEqualTo(Level.ERROR);
            assertThat(errors.percent()).isCloseTo(25.0, within(1e-9));
        }

        @Test
        void busiestLoggersAndThreadsComeFirstTiesByName() throws Exception {
            open(sample());
            Stats stats = store.stats(LogQuery.all(), Duration.ofMinutes(1), 2);
            assertThat(stats.loggers()).containsExactly(new NameCount("app.db", 2), new NameCount("app.db.pool", 2));
            assertThat(stats.threads()).containsExactly(new NameCount("main", 3), new NameCount("pool-1", 2));
        }

        @Test
        void eventsPerBucketIncludeEmptyBucketsBetweenTheFirstAndTheLast() throws Exception {
            open(sample());
            assertThat(store.stats(LogQuery.all(), Duration.ofMinutes(2), 5).buckets()).containsExactly(
                    new TimeBucket(T0, 2), new TimeBucket(T0 + 2 * MINUTE, 2),
                    new TimeBucket(T0 + 4 * MINUTE, 3), new TimeBucket(T0 + 6 * MINUTE, 1));
            assertThat(store.stats(where(q -> q.level(Level.ERROR)), Duration.ofMinutes(1), 5).buckets())
                    .containsExactly(new TimeBucket(T0 + 2 * MINUTE, 1), new TimeBucket(T0 + 3 * MINUTE, 0),
                            new TimeBucket(T0 + 4 * MINUTE, 1));
        }

        @Test
        void theFilterNarrowsEveryCount() throws Exception {
            open(sample());
            Stats stats = store.stats(where(q -> q.levelAtLeast(Level.ERROR)), Duration.ofHours(1), 10);
            assertThat(stats.total()).isEqualTo(3);
            assertThat(stats.threads()).extracting(NameCount::name).containsExactly("main", "worker-1", "worker-2");
        }
    }

    @Nested
    class Metrics {

        /** request_duration 1..100 ms, one a second from T0 + 1 s; odd values on route /a, even on /b. */
        private List<LogEvent> durations() {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                events.add(metric(T0 + i * 1_000_000L, "request_duration", i).tag("route", i % 2 == 1 ? "/a" : "/b"));
            }
            events.add(metric(T0, "queue_depth", 3));
            return events;
        }

        @Test
        void oneBucketSummarisesTheWindowWithNearestRankPercentiles() throws Exception {
            open(durations());
            MetricSeries series = store.metrics(MetricQuery.of("request_duration"));
            assertThat(series.unit()).isEqualTo("ms");
            assertThat(series.buckets()).containsExactly(new MetricBucket(T0 + 1_000_000L, 100, 50.5, 1, 100, 50, 95, 99));
        }

        @Test
        void aSingleBucketStartsAtTheWindowOrElseAtTheFirstSample() throws Exception {
            open(List.of(metric(T0 + 10_000_000L, "m", 5), metric(T0 + 20_000_000L, "m", 1)));
            assertThat(store.metrics(MetricQuery.of("m")).buckets()).extracting(MetricBucket::startMicros)
                    .containsExactly(T0 + 10_000_000L);
            assertThat(store.metrics(new MetricQuery("m", T0, Long.MAX_VALUE, null, Map.of())).buckets())
                    .containsExactly(new MetricBucket(T0, 2, 3, 1, 5, 1, 5, 5));
        }

        @Test
        void bucketsStartAtMultiplesOfTheirWidth() throws Exception {
            open(durations());
            MetricSeries series = store.metrics(new MetricQuery("request_duration", Long.MIN_VALUE, Long.MAX_VALUE,
                    Duration.ofMinutes(1), Map.of()));
            assertThat(series.buckets()).extracting(MetricBucket::startMicros).containsExactly(T0, T0 + MINUTE);
            assertThat(series.buckets()).extracting(MetricBucket::count).containsExactly(59L, 41L);
            assertThat(series.buckets()).extracting(MetricBucket::max).containsExactly(59.0, 100.0);
        }

        @Test
        void windowAndTagsNarrowTheSamples() throws Exception {
            open(durations());
            MetricSeries window = store.metrics(new MetricQuery("request_duration", T0 + 30_000_000L,
                    T0 + 40_000_000L, null, Map.of()));
            assertThat(window.buckets().get(0).count()).isEqualTo(10);
            assertThat(window.buckets().get(0).min()).isEqualTo(30);
            MetricSeries routeA = store.metrics(new MetricQuery("request_duration", Long.MIN_VALUE, Long.MAX_VALUE,
                    null, Map.of("route", "/a")));
            assertThat(routeA.buckets().get(0).count()).isEqualTo(50);
            assertThat(routeA.buckets().get(0).max()).isEqualTo(99);
        }

        @Test
        void topSamplesAreTheLargestValuesWithTheirTags() throws Exception {
            open(durations());
            List<MetricSample> top = store.topSamples(MetricQuery.of("request_duration"), 3);
            assertThat(top).extracting(MetricSample::value).containsExactly(100.0, 99.0, 98.0);
            assertThat(top.get(1).tags()).isEqualTo(Map.of("route", "/a"));
            assertThat(top.get(0).timestampMicros()).isEqualTo(T0 + 100_000_000L);
        }

        @Test
        void latestSamplesAreTheNewestFirst() throws Exception {
            open(durations());
            List<MetricSample> latest = store.latestSamples(MetricQuery.of("request_duration"), 3);
            assertThat(latest).extracting(MetricSample::value).containsExactly(100.0, 99.0, 98.0);
            assertThat(latest).extracting(MetricSample::timestampMicros)
                    .containsExactly(T0 + 100_000_000L, T0 + 99_000_000L, T0 + 98_000_000L);
            List<MetricSample> routeA = store.latestSamples(new MetricQuery("request_duration", Long.MIN_VALUE,
                    T0 + 50_000_000L, null, Map.of("route", "/a")), 2);
            assertThat(routeA).extracting(MetricSample::value).containsExactly(49.0, 47.0);
        }

        @Test
        void aNamePatternRanksTheSamplesOfEveryMatchingMetricAndOnlyThose() throws Exception {
            List<LogEvent> events = new ArrayList<>();
            events.add(metric(T0 + 1, "operation_duration_db", 40));
            events.add(metric(T0 + 2, "operation_duration_http", 90));
            events.add(metric(T0 + 3, "operation_duration_db", 70));
            events.add(metric(T0 + 4, "Operation_duration_other", 500)); // another case: not matched
            events.add(metric(T0 + 5, "operation_count", 1000));
            events.add(metric(T0 + 6, "op%_literal", 5));
            open(events);
            List<MetricSample> top = store.topSamples(MetricQuery.of("operation_duration_*"), 10);
            assertThat(top).extracting(MetricSample::name, MetricSample::value).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("operation_duration_http", 90.0),
                    org.assertj.core.groups.Tuple.tuple("operation_duration_db", 70.0),
                    org.assertj.core.groups.Tuple.tuple("operation_duration_db", 40.0));
            assertThat(store.latestSamples(MetricQuery.of("operation_duration_d?"), 10)).extracting(MetricSample::value)
                    .containsExactly(70.0, 40.0);
            assertThat(store.topSamples(MetricQuery.of("op%_*"), 10)).as("% and _ of a name are themselves")
                    .extracting(MetricSample::name).containsExactly("op%_literal");
            assertThatThrownBy(() -> store.metrics(MetricQuery.of("operation_duration_*")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a pattern");
        }

        @Test
        void anUnknownMetricHasNoBuckets() throws Exception {
            open(durations());
            assertThat(store.metrics(MetricQuery.of("nope")).buckets()).isEmpty();
            assertThat(store.metricNames()).containsExactly("queue_depth", "request_duration");
        }
    }

    @Nested
    class Retention {

        @Test
        void maxRowsKeepsTheNewestRows() throws Exception {
            open(sample());
            assertThat(store.applyRetention(new RetentionPolicy(null, 3), 1_000)).isEqualTo(5);
            assertThat(messages(LogQuery.all()))
                    .containsExactly("borrowed connection 100%_done", "GET /health 200", "out of memory");
        }

        @Test
        void maxAgeDeletesOlderRowsOfBothTables() throws Exception {
            long now = System.currentTimeMillis() * 1_000;
            List<LogEvent> events = new ArrayList<>(sample());
            events.add(log(0, Level.INFO, "app", "main", "recent").timestampMicros(now));
            events.add(metric(now, "fresh", 1));
            events.add(metric(T0, "stale", 1));
            open(events);
            assertThat(store.applyRetention(new RetentionPolicy(Duration.ofDays(1), 0), 1_000)).isEqualTo(9);
            assertThat(messages(LogQuery.all())).containsExactly("recent");
            assertThat(store.metricNames()).containsExactly("fresh");
        }

        @Test
        void oneCallDeletesAtMostTheGivenNumberOfRows() throws Exception {
            open(sample());
            assertThat(store.applyRetention(new RetentionPolicy(null, 1), 2)).isEqualTo(2);
            assertThat(store.query(LogQuery.all()).records()).hasSize(6);
            assertThat(messages(where(q -> q.order(Order.OLDEST_FIRST).limit(1)))).containsExactly("request timeout after 30s");
        }

        @Test
        void sizeIsReported() throws Exception {
            open(sample());
            assertThat(store.sizeBytes()).isPositive();
        }
    }
}
