package dev.spool.cli.store;

import dev.spool.store.LogQuery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words a time option takes, the same in every command and in the web view's {@code since} and
 * {@code until}: {@code all} (no bound), a duration before now ({@code 15m}), an ISO-8601 time with a zone
 * ({@code 2026-11-21T10:00:00Z}, {@code ...+01:00}) or without one, read in the local zone
 * ({@code 2026-11-21T10:00}, {@code 2026-11-21 10:00}, {@code 2026-11-21}).
 */
public final class TimeArgument {

    /** What a time option accepts, for messages and help. */
    public static final String ACCEPTED = "all, a duration before now (90s, 15m, 1h, 7d), or an ISO-8601 time"
            + " such as 2026-11-21T10:00:00Z, 2026-11-21T11:00+01:00, or 2026-11-21T10:00 or 2026-11-21 in local time";

    private static final Pattern SPACE_BETWEEN_DATE_AND_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d)");

    private TimeArgument() {
    }

    /**
     * {@code text} as an instant, or null for {@code all}.
     *
     * @param name how the user named the option, for the message: {@code --since}
     * @throws IllegalArgumentException naming {@code name}, the value and what is accepted
     */
    public static Instant parse(String name, String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.trim();
        if (t.toLowerCase(Locale.ROOT).equals("all")) {
            return null;
        }
        t = SPACE_BETWEEN_DATE_AND_TIME.matcher(t).replaceFirst("$1T$2");
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeException notADate) {
            // try the next form
        }
        try {
            return LogQuery.parseTime(t, now);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + name + ": expected " + ACCEPTED);
        }
    }

    /** {@link #parse} in microseconds since the epoch; {@code all} is {@code whenAll}. */
    public static long micros(String name, String text, Instant now, ZoneId zone, long whenAll) {
        Instant instant = parse(name, text, now, zone);
        try {
            return instant == null ? whenAll : LogQuery.micros(instant);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + name + ": too far from now");
        }
    }
}
