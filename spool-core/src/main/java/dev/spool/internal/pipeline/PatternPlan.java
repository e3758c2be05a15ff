package dev.spool.internal.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message pattern cut at its placeholders once, so that a thread logging the same pattern again copies
 * its literal bytes between the arguments instead of scanning it char by char for {@code {}} and escapes.
 * Only for patterns of printable ASCII (the bytes path of {@link MessageBuffer}); any other pattern is
 * formatted by the scan, as before (its plan says so: {@link #planned()} is false).
 *
 * <p>The plan is made by running {@link MessageBuffer#appendToPlaceholder} over the pattern, so its
 * segments hold exactly what the scan writes (escapes resolved). What {@link MessageFormatter} appends
 * after the last argument used is the pattern's rest as it stands, escapes and all (SLF4J's rule), which
 * the plan keeps as the pattern's raw bytes. Immutable; each thread keeps its own ({@link Plans}).
 */
final class PatternPlan {

    /** Patterns longer than this are scanned every time: a thread's plans stay small. */
    static final int MAX_PLANNED_CHARS = 256;

    final String pattern;
    private final byte[] raw;          // the pattern's bytes as they stand
    private final byte[] literal;      // the text between placeholders, escapes resolved, back to back
    private final int[] segmentEnd;    // [k]: end in literal of the text before placeholder k; last: to the end
    private final int[] after;         // [k]: index in the pattern just after placeholder k

    private PatternPlan(String pattern, byte[] raw, byte[] literal, int[] segmentEnd, int[] after) {
        this.pattern = pattern;
        this.raw = raw;
        this.literal = literal;
        this.segmentEnd = segmentEnd;
        this.after = after;
    }

    /** The plan of {@code pattern}; one that is not {@link #planned()} when it is not printable ASCII or too long. */
    static PatternPlan of(String pattern) {
        int n = pattern.length();
        if (n > MAX_PLANNED_CHARS) {
            return unplanned(pattern);
        }
        MessageBuffer scratch = new MessageBuffer(Math.max(n, 1));
        int[] ends = new int[n / 2 + 1];
        int[] afters = new int[n / 2];
        int placeholders = 0;
        int from = 0;
        while (true) {
            int next = scratch.appendToPlaceholder(pattern, from);
            if (scratch.printableAscii() == null) {
                return unplanned(pattern);
            }
            ends[placeholders] = scratch.length();
            if (next < 0) {
                break;
            }
            afters[placeholders++] = next;
            from = next;
        }
        byte[] literal = Arrays.copyOf(scratch.printableAscii(), scratch.length());
        return new PatternPlan(pattern, pattern.getBytes(StandardCharsets.US_ASCII), literal,
                Arrays.copyOf(ends, placeholders + 1), Arrays.copyOf(afters, placeholders));
    }

    private static PatternPlan unplanned(String pattern) {
        return new PatternPlan(pattern, null, null, null, null);
    }

    /** Whether the pattern was cut; if not, the scan formats it every time. */
    boolean planned() {
        return raw != null;
    }

    /** How many {@code {}} placeholders the pattern has (escaped ones not counted). */
    int placeholders() {
        return after.length;
    }

    /**
     * Appends the text before placeholder {@code k} (escapes resolved), or, for {@code k} equal to
     * {@link #placeholders()}, the text after the last one to the end.
     */
    void appendSegment(MessageBuffer out, int k) {
        int start = k == 0 ? 0 : segmentEnd[k - 1];
        out.appendAscii(literal, start, segmentEnd[k] - start);
    }

    /** Appends the whole pattern as it stands (a message without arguments). */
    void appendAll(MessageBuffer out) {
        out.appendAscii(raw, 0, raw.length);
    }

    /** Appends the pattern as it stands from just after placeholder {@code k} to its end. */
    void appendRestAfter(MessageBuffer out, int k) {
        int from = after[k];
        out.appendAscii(raw, from, raw.length - from);
    }

    /**
     * A thread's plans: up to 32 patterns, a bucket per pattern by its length and first char, recognised by
     * identity. A pattern is planned on its second sighting in a row in its bucket, so a pattern built anew
     * for every call (a concatenation) is never planned. A bucket keeps the first plan it gets: two patterns
     * that share a bucket would otherwise plan each other out on every other call, allocating each time, so
     * the second is scanned as before, and once every bucket a thread uses has its plan, nothing is allocated.
     * Not thread-safe: one per {@link Capture}.
     */
    static final class Plans {

        private static final int SIZE = 32; // a power of two

        private final PatternPlan[] plans = new PatternPlan[SIZE];
        private final String[] seen = new String[SIZE];

        /** The plan of {@code pattern}, or null while it has none (first sighting, not plannable, bucket taken). */
        PatternPlan of(String pattern) {
            int n = pattern.length();
            if (n == 0 || n > MAX_PLANNED_CHARS) {
                return null;
            }
            int i = (n * 31 + pattern.charAt(0)) & (SIZE - 1);
            PatternPlan plan = plans[i];
            if (plan != null) {
                return plan.pattern == pattern && plan.planned() ? plan : null;
            }
            if (seen[i] != pattern) {
                seen[i] = pattern;
                return null;
            }
            plan = PatternPlan.of(pattern); // kept even when not planned, so it is not tried again
            plans[i] = plan;
            seen[i] = null;
            return plan.planned() ? plan : null;
        }
    }
}
