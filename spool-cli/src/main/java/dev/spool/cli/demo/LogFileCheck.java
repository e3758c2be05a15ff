package dev.spool.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a demo log back and checks it: every event of the run present exactly once, and each worker's
 * events in the order it logged them (workers interleave freely).
 *
 * <p>It relies only on the message text ({@link #MESSAGE}), not on the layout around it, so it works
 * with any text pattern. Lines of other runs or other sources are counted and otherwise ignored.
 * Not thread-safe: one check reads one file.
 */
final class LogFileCheck {

    /** The message every demo event carries: worker index, its sequence number, phase, run id. */
    static final String MESSAGE = "worker {} event {} ({} phase, run {})";

    private static final Pattern EVENT = Pattern.compile("worker (\\d{1,9}) event (\\d{1,9}) \\((\\w+) phase, run (\\w+)\\)");
    private static final int MAX_EXAMPLES = 5;

    private final String runId;
    private final Map<String, Worker[]> phases = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private long expected;
    private long found;
    private long duplicated;
    private long outOfOrder;
    private long unexpected;
    private long otherLines;

    LogFileCheck(String runId) {
        this.runId = runId;
    }

    /** Expects {@code threads} workers of {@code phase}, each with events 0 to {@code eventsPerThread - 1}. */
    LogFileCheck expect(String phase, int threads, int eventsPerThread) {
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(eventsPerThread);
        }
        phases.put(phase, workers);
        expected += (long) threads * eventsPerThread;
        return this;
    }

    /** Reads {@code file} (malformed UTF-8 is replaced, not fatal) and returns the verdict. */
    Result verify(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                accept(line);
            }
        }
        return result();
    }

    /** Checks lines already in memory; for a log read by other means. */
    Result verify(Iterable<String> lines) {
        lines.forEach(this::accept);
        return result();
    }

    private void accept(String line) {
        Matcher m = EVENT.matcher(line);
        if (!m.find() || !m.group(4).equals(runId)) {
            otherLines++;
            return;
        }
        String phase = m.group(3);
        int index = Integer.parseInt(m.group(1));
        int seq = Integer.parseInt(m.group(2));
        Worker[] workers = phases.get(phase);
        if (workers == null || index >= workers.length || seq >= workers[index].events) {
            unexpected++;
            example("unexpected event: " + phase + " worker " + index + " event " + seq);
            return;
        }
        place(phase, index, workers[index], seq);
    }

    private void place(String phase, int index, Worker w, int seq) {
        if (w.seen.get(seq)) {
            duplicated++;
            example(phase + " worker " + index + " event " + seq + " appears more than once");
            return;
        }
        w.seen.set(seq);
        found++;
        if (seq < w.highest) {
            outOfOrder++;
            example(phase + " worker " + index + " event " + seq + " comes after its event " + w.highest);
        } else {
            w.highest = seq;
        }
    }

    private Result result() {
        long missing = 0;
        for (Map.Entry<String, Worker[]> phase : phases.entrySet()) {
            Worker[] workers = phase.getValue();
            for (int i = 0; i < workers.length; i++) {
                long absent = workers[i].events - workers[i].seen.cardinality();
                if (absent > 0) {
                    missing += absent;
                    String worker = phase.getKey() + " worker " + i;
                    int first = workers[i].seen.nextClearBit(0);
                    example(absent == 1 ? worker + " event " + first + " is missing"
                            : worker + " is missing " + absent + " events, the first is event " + first);
                }
            }
        }
        return new Result(expected, found, missing, duplicated, outOfOrder, unexpected, otherLines, List.copyOf(examples));
    }

    private void example(String text) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(text);
        }
    }

    /** What one worker's events looked like so far. */
    private static final class Worker {
        final int events;
        final BitSet seen = new BitSet();
        int highest = -1;

        Worker(int events) {
            this.events = events;
        }
    }

    /**
     * The verdict.
     *
     * @param found      distinct expected events present
     * @param otherLines lines that are not events of this run (ignored)
     * @param examples   the first few problems, in words
     */
    record Result(long expected, long found, long missing, long duplicated, long outOfOrder, long unexpected,
                  long otherLines, List<String> examples) {

        /** Every expected event exactly once, nothing unexpected, each worker in order. */
        boolean ok() {
            return found == expected && missing == 0 && duplicated == 0 && outOfOrder == 0 && unexpected == 0;
        }

        /** One line: the counts of each kind of problem, then the first examples. */
        String describe() {
            if (ok()) {
                return String.format(Locale.ROOT, "verified: %,d events, per-thread order OK", found);
            }
            return String.format(Locale.ROOT,
                    "%,d of %,d events found, %,d missing, %,d duplicated, %,d out of order, %,d unexpected: %s",
                    found, expected, missing, duplicated, outOfOrder, unexpected, String.join("; ", examples));
        }
    }
}
