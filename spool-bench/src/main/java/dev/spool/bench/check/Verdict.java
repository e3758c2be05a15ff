package dev.spool.bench.check;

/**
 * What {@link LogFileCheck} found in one file.
 *
 * @param expected   events the producers logged
 * @param lines      event lines in the file (the lines of a stack trace after an event are not counted)
 * @param bytes      size of the file
 * @param malformed  lines that are not a benchmark event, and events whose expected stack trace is missing
 * @param lost       events logged but not in the file
 * @param duplicated events in the file more than once
 * @param reordered  events that came after a later event of the same producer
 */
public record Verdict(long expected, long lines, long bytes, long malformed, long lost, long duplicated,
                      long reordered) {

    /** Whether the file holds every event exactly once, in each producer's order, and nothing else. */
    public boolean ok() {
        return lines == expected && malformed == 0 && lost == 0 && duplicated == 0 && reordered == 0;
    }

    /** {@code OK}, or what went wrong with counts, such as {@code LOST 1415213/2000000}. */
    public String label() {
        if (ok()) {
            return "OK";
        }
        StringBuilder s = new StringBuilder();
        append(s, "LOST", lost);
        append(s, "REORDERED", reordered);
        append(s, "DUPLICATED", duplicated);
        append(s, "MALFORMED", malformed);
        if (s.length() == 0) {
            s.append("LINES ").append(lines).append('/').append(expected);
        }
        return s.toString();
    }

    private void append(StringBuilder s, String what, long count) {
        if (count > 0) {
            s.append(s.length() == 0 ? "" : " ").append(what).append(' ').append(count).append('/').append(expected);
        }
    }
}
