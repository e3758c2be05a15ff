package dev.spool.store;

import dev.spool.Level;
import dev.spool.spi.Options;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to find among stored events: every criterion set must hold. Immutable; built with {@link #builder()}.
 *
 * <p>Text criteria are matched as data, never as patterns or SQL: {@code loggerPrefix} matches the logger
 * and its dotted descendants ({@code app.db} matches {@code app.db.pool}, not {@code app.dbx}), like routes;
 * {@code text} matches messages containing it, case-insensitively for ASCII letters; a field criterion
 * matches events whose field has exactly that text form ({@code 42}, {@code true}).
 */
public final class LogQuery {

    /** Most results one page may ask for. */
    public static final int MAX_LIMIT = 100_000;

    private final Level level;
    private final boolean levelAtLeast;
    private final long sinceMicros;
    private final long untilMicros;
    private final String loggerPrefix;
    private final String thread;
    private final String correlationId;
    private final Map<String, String> fields;
    private final Map<String, String> context;
    private final String text;
    private final int limit;
    private final String cursor;
    private final Order order;

    private LogQuery(Builder b) {
        this.level = b.level;
        this.levelAtLeast = b.levelAtLeast;
        this.sinceMicros = b.sinceMicros;
        this.untilMicros = b.untilMicros;
        this.loggerPrefix = b.loggerPrefix;
        this.thread = b.thread;
        this.correlationId = b.correlationId;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(b.context));
        this.text = b.text;
        this.limit = b.limit;
        this.cursor = b.cursor;
        this.order = b.order;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A query matching everything, newest first, 100 per page. */
    public static LogQuery all() {
        return builder().build();
    }

    /** The level criterion, or null for any level. */
    public Level level() { return level; }
    /** Whether {@link #level()} is a minimum (true) or exact (false). */
    public boolean levelAtLeast() { return levelAtLeast; }
    /** Inclusive lower time bound in µs since the epoch; {@link Long#MIN_VALUE} when unbounded. */
    public long sinceMicros() { return sinceMicros; }
    /** Exclusive upper time bound in µs since the epoch; {@link Long#MAX_VALUE} when unbounded. */
    public long untilMicros() { return untilMicros; }
    /** Logger prefix, or null. */
    public String loggerPrefix() { return loggerPrefix; }
    /** Exact thread name, or null. */
    public String thread() { return thread; }
    /** Exact correlation id, or null. */
    public String correlationId() { return correlationId; }
    /** Field equalities, all of which must hold. */
    public Map<String, String> fields() { return fields; }
    /** Context (MDC) equalities, all of which must hold, such as {@code trace_id}. */
    public Map<String, String> context() { return context; }
    /** Text the message must contain, or null. */
    public String text() { return text; }
    public int limit() { return limit; }
    /** Where the previous page ended ({@link LogPage#nextCursor()}), or null for the first page. */
    public String cursor() { return cursor; }
    public Order order() { return order; }

    /** A copy of this query continuing after {@code nextCursor}. */
    public LogQuery after(String nextCursor) {
        Builder b = new Builder();
        b.level = level;
        b.levelAtLeast = levelAtLeast;
        b.sinceMicros = sinceMicros;
        b.untilMicros = untilMicros;
        b.loggerPrefix = loggerPrefix;
        b.thread = thread;
        b.correlationId = correlationId;
        b.fields.putAll(fields);
        b.context.putAll(context);
        b.text = text;
        b.limit = limit;
        b.order = order;
        return b.after(nextCursor).build();
    }

    /**
     * Reads a time: a duration before {@code now} ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d},
     * {@code PT1H}) or an ISO-8601 instant ({@code 2026-11-21T10:00:00Z}).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Instant parseTime(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty time: expected a duration before now such as 1h, or an "
                    + "ISO-8601 instant such as 2026-11-21T10:00:00Z");
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now.minus(Options.parseDuration(text));
            } catch (RuntimeException notADuration) {
                throw new IllegalArgumentException("bad time '" + text + "': expected a duration before now "
                        + "such as 90s, 15m, 1h or 7d, or an ISO-8601 instant such as 2026-11-21T10:00:00Z");
            }
        }
    }

    /** Microseconds since the epoch of {@code instant}. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    @Override
    public String toString() {
        return "LogQuery[level=" + (level == null ? "any" : (levelAtLeast ? ">=" : "") + level)
                + ", since=" + sinceMicros + ", until=" + untilMicros + ", logger=" + loggerPrefix
                + ", thread=" + thread + ", correlationId=" + correlationId + ", fields=" + fields
                + ", context=" + context + ", text=" + text + ", limit=" + limit + ", cursor=" + cursor + ", order=" + order + "]";
    }

    /** Collects criteria; not thread-safe. Every setter validates its argument. */
    public static final class Builder {

        private Level level;
        private boolean levelAtLeast;
        private long sinceMicros = Long.MIN_VALUE;
        private long untilMicros = Long.MAX_VALUE;
        private String loggerPrefix;
        private String thread;
        private String correlationId;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Map<String, String> context = new LinkedHashMap<>();
        private String text;
        private int limit = 100;
        private String cursor;
        private Order order = Order.NEWEST_FIRST;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Only events of exactly this level. */
        public Builder level(Level exact) {
            this.level = exact;
            this.levelAtLeast = false;
            return this;
        }

        /** Only events at this level or more severe. */
        public Builder levelAtLeast(Level minimum) {
            this.level = minimum;
            this.levelAtLeast = true;
            return this;
        }

        /** The clock relative times are read against (tests pass a fixed one). */
        public Builder clock(Clock now) {
            this.clock = now;
            return this;
        }

        public Builder since(Instant from) {
            this.sinceMicros = micros(from);
            return this;
        }

        /** A relative ({@code 1h}) or absolute time; see {@link LogQuery#parseTime}. */
        public Builder since(String time) {
            return since(parseTime(time, clock.instant()));
        }

        public Builder since(Duration beforeNow) {
            return since(clock.instant().minus(beforeNow));
        }

        public Builder until(Instant to) {
            this.untilMicros = micros(to);
            return this;
        }

        public Builder until(String time) {
            return until(parseTime(time, clock.instant()));
        }

        public Builder sinceMicros(long micros) {
            this.sinceMicros = micros;
            return this;
        }

        public Builder untilMicros(long micros) {
            this.untilMicros = micros;
            return this;
        }

        public Builder loggerPrefix(String prefix) {
            this.loggerPrefix = prefix;
            return this;
        }

        public Builder thread(String name) {
            this.thread = name;
            return this;
        }

        public Builder correlationId(String id) {
            this.correlationId = id;
            return this;
        }

        public Builder field(String key, String value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("a field criterion needs a key and a value, got " + key + "=" + value);
            }
            fields.put(key, value);
            return this;
        }

        /** Events whose context (MDC) holds {@code key} with exactly {@code value}, such as a trace id. */
        public Builder context(String key, String value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("a context criterion needs a key and a value, got " + key + "=" + value);
            }
            context.put(key, value);
            return this;
        }

        /** Messages containing {@code contained}; null or empty clears the criterion. */
        public Builder text(String contained) {
            this.text = contained == null || contained.isEmpty() ? null : contained;
            return this;
        }

        public Builder limit(int max) {
            if (max < 1 || max > MAX_LIMIT) {
                throw new IllegalArgumentException("bad limit " + max + ": expected 1 to " + MAX_LIMIT);
            }
            this.limit = max;
            return this;
        }

        public Builder after(String nextCursor) {
            this.cursor = nextCursor;
            return this;
        }

        public Builder order(Order o) {
            this.order = o == null ? Order.NEWEST_FIRST : o;
            return this;
        }

        /** @throws IllegalArgumentException when the time range is empty */
        public LogQuery build() {
            if (sinceMicros >= untilMicros) {
                throw new IllegalArgumentException("empty time range: since must be before until");
            }
            return new LogQuery(this);
        }
    }
}
