package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code %d{pattern}}: the event time in a zone, through a {@link DateTimeFormatter} pattern.
 *
 * <p>The pattern is cut at its fraction-of-second runs ({@code SSS}, {@code SSSSSS}): the pieces around
 * them are formatted once per second and cached as one line of bytes with zeros for the fractions, which
 * each event copies and then writes its fraction digits over, so steady-state logging allocates nothing.
 * The zone offset is part of the cached bytes; it can only change on a second boundary. A pattern that
 * cannot be cut (one with {@code n}, {@code N}, {@code A} or a fraction inside an optional section) is
 * formatted whole and cached per microsecond instead, which allocates whenever the time changes.
 *
 * <p>The cache is one immutable object swapped in a plain field: a racing reader sees an older entry
 * or the newer one, never a mix, so sharing an instance across threads is safe, if slower.
 */
final class DateToken extends Token {

    static final String ISO8601 = "uuuu-MM-dd'T'HH:mm:ss,SSS";
    static final String ISO8601_MICROS = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS";

    private final DateTimeFormatter[] pieces;
    private final int[] fractionDigits;
    private final boolean perMicro;
    /** The pattern's literal text after the date, cached at the end of the last piece ({@link #followedBy}). */
    private final byte[] suffix;
    private Cached cached;

    /**
     * One second's text (or one microsecond's, {@code perMicro}): the pieces with a run of zeros where each
     * fraction goes ({@code fractionAt}: its offset), then the suffix, copied whole per event and the
     * fraction digits written over the zeros.
     */
    private record Cached(long key, byte[] line, int[] fractionAt) {
    }

    private DateToken(DateTimeFormatter[] pieces, int[] fractionDigits, boolean perMicro, byte[] suffix) {
        this.pieces = pieces;
        this.fractionDigits = fractionDigits;
        this.perMicro = perMicro;
        this.suffix = suffix;
    }

    /**
     * @throws IllegalArgumentException when {@code pattern} is not a usable DateTimeFormatter pattern
     */
    static DateToken of(String pattern, ZoneId zone) {
        DateTimeFormatter whole = compile(pattern, zone);
        List<int[]> runs = fractionRuns(pattern);
        if (runs != null) {
            try {
                return split(pattern, zone, runs);
            } catch (IllegalArgumentException | DateTimeException e) {
                // Some piece is not a pattern on its own (a pad letter before SSS): format it whole.
            }
        }
        return new DateToken(new DateTimeFormatter[] {whole}, new int[0], true, new byte[0]);
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        long micros = event.timestampMicros();
        long second = Math.floorDiv(micros, 1_000_000L);
        int microOfSecond = (int) Math.floorMod(micros, 1_000_000L);
        long key = perMicro ? micros : second;
        Cached c = cached;
        if (c == null || c.key != key) {
            c = cache(key, second, perMicro ? microOfSecond : 0);
            cached = c;
        }
        int start = out.length();
        out.append(c.line);
        if (fractionDigits.length > 0) {
            byte[] written = out.array();
            for (int i = 0; i < fractionDigits.length; i++) {
                writeFraction(microOfSecond, fractionDigits[i], written, start + c.fractionAt[i]);
            }
        }
    }

    /**
     * Writes the first {@code digits} digits of the second's fraction over the zeros at {@code at} (past six,
     * nanoseconds are not known: those stay zeros). Each width divides by a constant, which the JIT compiles to
     * a multiplication; a divisor read from a table was a division instruction on every event
     * (docs/decisions/token-dispatch.md, "the milliseconds without a division instruction").
     */
    private static void writeFraction(int microOfSecond, int digits, byte[] out, int at) {
        switch (digits) {
            case 1: writeDigits(microOfSecond / 100_000, 1, out, at); break;
            case 2: writeDigits(microOfSecond / 10_000, 2, out, at); break;
            case 3: writeDigits(microOfSecond / 1_000, 3, out, at); break;
            case 4: writeDigits(microOfSecond / 100, 4, out, at); break;
            case 5: writeDigits(microOfSecond / 10, 5, out, at); break;
            default: writeDigits(microOfSecond, 6, out, at);
        }
    }

    private static void writeDigits(int value, int width, byte[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    @Override
    Token followedBy(byte[] more) {
        return new DateToken(pieces, fractionDigits, perMicro, concat(suffix, more));
    }

    private Cached cache(long key, long second, int microOfSecond) {
        Instant instant = Instant.ofEpochSecond(second, microOfSecond * 1_000L);
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int[] fractionAt = new int[fractionDigits.length];
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] != null) {
                line.writeBytes(pieces[i].format(instant).getBytes(StandardCharsets.UTF_8));
            }
            if (i < fractionDigits.length) {
                fractionAt[i] = line.size();
                for (int d = 0; d < fractionDigits[i]; d++) {
                    line.write('0');
                }
            }
        }
        line.writeBytes(suffix);
        return new Cached(key, line.toByteArray(), fractionAt);
    }

    private static DateToken split(String pattern, ZoneId zone, List<int[]> runs) {
        DateTimeFormatter[] pieces = new DateTimeFormatter[runs.size() + 1];
        int[] digits = new int[runs.size()];
        int from = 0;
        for (int i = 0; i < runs.size(); i++) {
            int[] run = runs.get(i);
            pieces[i] = compileOrNull(pattern.substring(from, run[0]), zone);
            digits[i] = run[1] - run[0];
            from = run[1];
        }
        pieces[runs.size()] = compileOrNull(pattern.substring(from), zone);
        return new DateToken(pieces, digits, false, new byte[0]);
    }

    private static DateTimeFormatter compileOrNull(String piece, ZoneId zone) {
        return piece.isEmpty() ? null : compile(piece, zone);
    }

    private static DateTimeFormatter compile(String pattern, ZoneId zone) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone);
        formatter.format(Instant.EPOCH); // fails now, not per event, on fields an instant cannot give
        return formatter;
    }

    /**
     * The [start, end) of each unquoted run of {@code S}, or null when the pattern has sub-second fields
     * that cannot be cut out ({@code n}, {@code N}, {@code A}, or {@code S} inside {@code [...]}).
     */
    private static List<int[]> fractionRuns(String pattern) {
        List<int[]> runs = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // '' toggles twice: an escaped quote, still outside
            } else if (quoted) {
                continue;
            } else if (c == '[' || c == ']') {
                depth += c == '[' ? 1 : -1;
            } else if (c == 'n' || c == 'N' || c == 'A' || (c == 'S' && depth > 0)) {
                return null;
            } else if (c == 'S') {
                int end = i;
                while (end < pattern.length() && pattern.charAt(end) == 'S') {
                    end++;
                }
                runs.add(new int[] {i, end});
                i = end - 1;
            }
        }
        return runs;
    }
}
