package dev.spool.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress for output that is not a terminal: one line each time another quarter is reached, and a
 * last line at the end, so a CI log shows movement without a flood of lines.
 */
final class ProgressLines implements Progress {

    private static final int STEP_PERCENT = 25;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private int printedPercent;

    ProgressLines(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    @Override
    public void update(long done) {
        int percent = Progress.percent(done, total);
        int step = percent / STEP_PERCENT * STEP_PERCENT;
        if (step > printedPercent && percent < 100) {
            print(done, percent);
            printedPercent = step;
        }
    }

    @Override
    public void finish(long done) {
        print(done, Progress.percent(done, total));
    }

    private void print(long done, int percent) {
        err.println(String.format(Locale.ROOT, "%s: %,d/%,d events (%d%%)", label, done, total, percent));
        err.flush();
    }
}
