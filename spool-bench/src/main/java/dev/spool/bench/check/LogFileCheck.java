package dev.spool.bench.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Reads a benchmark log file line by line and checks it against what the producers logged: producer
 * {@code t} of {@code threads} logged events {@code 0 .. perThread-1}, each line ending in
 * {@code " - Thread <t> log <i> value=42"} whatever the backend's pattern put before it.
 *
 * <p>Works on bytes with a fixed buffer, so checking a file of millions of lines allocates little.
 */
public final class LogFileCheck {

    private static final byte[] MARKER = " - Thread ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LOG = " log ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TAIL = " value=42".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 64 * 1024;

    private final int threads;
    private final int perThread;
    private final BitSet[] seen;
    private final int[] highest;
    private long lines;
    private long malformed;
    private long duplicated;
    private long reordered;

    private LogFileCheck(int threads, int perThread) {
        this.threads = threads;
        this.perThread = perThread;
        this.seen = new BitSet[threads];
        this.highest = new int[threads];
        for (int t = 0; t < threads; t++) {
            seen[t] = new BitSet(perThread);
            highest[t] = -1;
        }
    }

    /**
     * Checks {@code file}; a missing file counts as empty.
     *
     * @throws IOException if the file cannot be read
     */
    public static Verdict check(Path file, int threads, int perThread) throws IOException {
        if (!Files.exists(file)) {
            return check(InputStream.nullInputStream(), 0, threads, perThread);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return check(in, Files.size(file), threads, perThread);
        }
    }

    /** Checks the lines read from {@code in}, a file of {@code bytes} bytes. */
    static Verdict check(InputStream in, long bytes, int threads, int perThread) throws IOException {
        LogFileCheck check = new LogFileCheck(threads, perThread);
        check.scan(in);
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
        lines++;
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        long parsed = end < 0 ? -1 : parse(line, end);
        if (parsed < 0) {
            malformed++;
            return;
        }
        record((int) (parsed >>> 32), (int) parsed);
    }

    private void record(int thread, int index) {
        if (thread >= threads || index >= perThread) {
            malformed++;
        } else if (seen[thread].get(index)) {
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

    /** Thread in the high 32 bits and index in the low 32, or -1 when the line does not end as expected. */
    private static long parse(byte[] line, int end) {
        int at = indexOf(line, end, MARKER);
        if (at < 0) {
            return -1;
        }
        int pos = at + MARKER.length;
        int threadEnd = digitsEnd(line, pos, end);
        if (threadEnd == pos || !startsWith(line, threadEnd, end, LOG)) {
            return -1;
        }
        int indexStart = threadEnd + LOG.length;
        int indexEnd = digitsEnd(line, indexStart, end);
        if (indexEnd == indexStart || indexEnd + TAIL.length != end || !startsWith(line, indexEnd, end, TAIL)) {
            return -1;
        }
        long thread = number(line, pos, threadEnd);
        long index = number(line, indexStart, indexEnd);
        return thread > Integer.MAX_VALUE || index > Integer.MAX_VALUE ? -1 : thread << 32 | index;
    }

    private static int indexOf(byte[] line, int end, byte[] what) {
        for (int i = 0; i + what.length <= end; i++) {
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

    private static long number(byte[] line, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (line[i] - '0');
        }
        return n;
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
