package dev.spool.bench.check;

import dev.spool.bench.run.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Reads a benchmark log file line by line and checks it against what the producers logged: producer
 * {@code t} of {@code threads} logged events {@code 0 .. perThread-1} in one {@link Shape}, each line's
 * message (what follows the first {@code " - "}, whatever the backend's pattern put before it) exactly
 * {@link Shape#message} plus the backend's rendering of the key/values ({@link Shape#kvSuffix}).
 *
 * <p>The producer is read from the message ({@code Thread <t> ...}) or, for shapes whose message does not
 * carry it, from the thread name ({@code [bench-producer-<t>]}); when both are there they must agree. The
 * index is read where the shape puts it; {@link Shape#ARGS0} has none, so its lines are counted per
 * producer (loss and duplication show as a wrong count, reordering cannot be seen). For
 * {@link Shape#THROWABLE} every event line must be followed by the exception's first line (TAB-indented
 * or not) and its TAB-indented frames.
 *
 * <p>Works on bytes with a fixed buffer; each event line is compared with its expected message.
 */
public final class LogFileCheck {

    private static final byte[] SEPARATOR = " - ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THREAD_NAME = "[bench-producer-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THREAD = "Thread ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADER = Shape.FAILURE_HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final int SENTINEL = 987_654_321;
    private static final int MAX_LINE = 64 * 1024;

    private final int threads;
    private final int perThread;
    private final Shape shape;
    private final String kvSuffix;
    private final BitSet[] seen;
    private final int[] highest;
    private final int[] counted;
    private final String[] indexPrefix;
    private long lines;
    private long malformed;
    private long duplicated;
    private long reordered;
    private boolean awaitingTrace; // the last event line of a THROWABLE file still needs its exception line
    private boolean inTrace;       // inside an exception's lines: TAB-indented frames are accepted
    private int measuredFrom;      // the first index of a run's measured pass (0: the whole file is one pass)
    private long measuredBytes;    // bytes of the measured pass's event lines and their exceptions' lines
    private boolean lastMeasured;  // whether the last event line read belongs to the measured pass

    private LogFileCheck(int threads, int perThread, Shape shape, String family) {
        this.threads = threads;
        this.perThread = perThread;
        this.shape = shape;
        this.kvSuffix = shape.kvSuffix(family);
        this.seen = new BitSet[threads];
        this.highest = new int[threads];
        this.counted = new int[threads];
        this.indexPrefix = new String[threads];
        for (int t = 0; t < threads; t++) {
            seen[t] = new BitSet(perThread);
            highest[t] = -1;
            String template = shape.message(t, SENTINEL);
            int at = template.indexOf(Integer.toString(SENTINEL));
            indexPrefix[t] = at < 0 ? null : template.substring(0, at);
        }
    }

    /**
     * Checks a file of the historic shape ({@link Shape#MAIN}); a missing file counts as empty.
     *
     * @throws IOException if the file cannot be read
     */
    public static Verdict check(Path file, int threads, int perThread) throws IOException {
        return check(file, threads, perThread, Shape.MAIN, "");
    }

    /**
     * Checks {@code file}, written by backend family {@code family} ({@code spool}, {@code log4j2},
     * {@code logback}) in {@code shape}; a missing file counts as empty.
     *
     * @throws IOException if the file cannot be read
     */
    public static Verdict check(Path file, int threads, int perThread, Shape shape, String family) throws IOException {
        if (!Files.exists(file)) {
            return check(InputStream.nullInputStream(), 0, threads, perThread, shape, family);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return check(in, Files.size(file), threads, perThread, shape, family);
        }
    }

    /** What a file of two passes held: the verdict on all of it, and the bytes of the measured pass. */
    public record Passes(Verdict verdict, long measuredBytes) {
    }

    /**
     * Checks a file in which each producer logged {@code coldPerThread} events, then {@code perThread}
     * more (a cold pass before the measured one), and counts the bytes of the measured pass's lines.
     */
    public static Passes check(Path file, int threads, int coldPerThread, int perThread, Shape shape, String family)
            throws IOException {
        LogFileCheck check = new LogFileCheck(threads, coldPerThread + perThread, shape, family);
        check.measuredFrom = coldPerThread;
        long size = 0;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                check.scan(in);
            }
            size = Files.size(file);
        }
        check.endOfEvent();
        return new Passes(check.verdict(size), check.measuredBytes);
    }

    /** Checks the lines read from {@code in}, a file of {@code bytes} bytes. */
    static Verdict check(InputStream in, long bytes, int threads, int perThread, Shape shape, String family)
            throws IOException {
        LogFileCheck check = new LogFileCheck(threads, perThread, shape, family);
        check.scan(in);
        check.endOfEvent();
        return check.verdict(bytes);
    }

    private void scan(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 20];
        byte[] line = new byte[MAX_LINE];
        int length = 0;
        boolean overlong = false;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    acceptLine(line, overlong ? -1 : length);
                    length = 0;
                    overlong = false;
                } else if (length < MAX_LINE) {
                    line[length++] = b;
                } else {
                    overlong = true;
                }
            }
        }
        if (length > 0 || overlong) {
            acceptLine(line, overlong ? -1 : length); // a last line without its newline still counts
        }
    }

    private void acceptLine(byte[] line, int length) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (shape.throwable() && end >= 0 && traceLine(line, end)) {
            measuredBytes += lastMeasured ? length + 1 : 0;
            return;
        }
        endOfEvent();
        lines++;
        lastMeasured = false;
        if (!event(line, end)) {
            malformed++;
        }
        measuredBytes += lastMeasured ? length + 1 : 0;
    }

    /** Whether the line belongs to an exception's lines (and was accepted or counted as such). */
    private boolean traceLine(byte[] line, int end) {
        int indent = end > 0 && line[0] == '\t' ? 1 : 0; // Spool indents the exception's first line too
        if (end == indent + HEADER.length && startsWith(line, indent, end, HEADER)) {
            if (!awaitingTrace) {
                malformed++; // an exception no event line announced
            }
            awaitingTrace = false;
            inTrace = true;
            return true;
        }
        if (end > 0 && line[0] == '\t') {
            if (!inTrace) {
                malformed++;
            }
            return true;
        }
        return false;
    }

    /** An event line ends where the next line that is not part of its exception begins. */
    private void endOfEvent() {
        if (awaitingTrace) {
            malformed++; // the event's line came without its exception
        }
        awaitingTrace = false;
        inTrace = false;
    }

    /** Reads and records one event line; false when it is not exactly an expected event. */
    private boolean event(byte[] line, int end) {
        int separator = end < 0 ? -1 : indexOf(line, 0, end, SEPARATOR);
        if (separator < 0) {
            return false;
        }
        int from = separator + SEPARATOR.length;
        long named = threadName(line, separator);
        long thread = startsWith(line, from, end, THREAD) ? number(line, from + THREAD.length, end) : named;
        if (thread < 0 || thread >= threads || named >= 0 && named != thread) {
            return false;
        }
        int t = (int) thread;
        long index;
        if (indexPrefix[t] == null) {
            index = counted[t]++;
        } else {
            int prefix = indexPrefix[t].length();
            index = prefix <= end - from ? number(line, from + prefix, end) : -1;
        }
        if (index < 0 || index >= perThread) {
            return false;
        }
        String expected = shape.message(t, (int) index) + kvSuffix;
        if (!matches(line, from, end, expected)) {
            return false;
        }
        record(t, (int) index);
        lastMeasured = index >= measuredFrom;
        awaitingTrace = shape.throwable();
        return true;
    }

    private void record(int thread, int index) {
        if (seen[thread].get(index)) {
            duplicated++;
        } else {
            seen[thread].set(index);
            if (index < highest[thread]) {
                reordered++;
            } else {
                highest[thread] = index;
            }
        }
    }

    /** The producer in {@code [bench-producer-<t>]} before {@code limit}, or -1 when the line has none. */
    private static long threadName(byte[] line, int limit) {
        int at = indexOf(line, 0, limit, THREAD_NAME);
        if (at < 0) {
            return -1;
        }
        int from = at + THREAD_NAME.length;
        int to = digitsEnd(line, from, limit);
        return to > from && to < limit && line[to] == ']' ? number(line, from, to) : -1;
    }

    /** The number whose digits start at {@code from}, or -1 when there are none (or too many). */
    private static long number(byte[] line, int from, int end) {
        int to = digitsEnd(line, from, end);
        if (to == from) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (line[i] - '0');
        }
        return n > Integer.MAX_VALUE ? -1 : n;
    }

    private static boolean matches(byte[] line, int from, int end, String expected) {
        if (end - from != expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (line[from + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] line, int from, int end, byte[] what) {
        for (int i = from; i + what.length <= end; i++) {
            if (startsWith(line, i, end, what)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] line, int from, int end, byte[] what) {
        if (from + what.length > end) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (line[from + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    private static int digitsEnd(byte[] line, int from, int end) {
        int i = from;
        while (i < end && i - from < 10 && line[i] >= '0' && line[i] <= '9') {
            i++;
        }
        return i;
    }

    private Verdict verdict(long bytes) {
        long present = 0;
        for (BitSet s : seen) {
            present += s.cardinality();
        }
        long expected = (long) threads * perThread;
        return new Verdict(expected, lines, bytes, malformed, expected - present, duplicated, reordered);
    }
}
