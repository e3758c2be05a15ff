package dev.spool.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress bar redrawn in place with a carriage return: {@code stress [#####-----]  50% 10,000/20,000}. */
final class ProgressBar implements Progress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;

    ProgressBar(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    @Override
    public void update(long done) {
        draw(done);
    }

    @Override
    public void finish(long done) {
        draw(done);
        err.println();
        err.flush();
    }

    private void draw(long done) {
        int percent = Progress.percent(done, total);
        int filled = percent * WIDTH / 100;
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        err.print(String.format(Locale.ROOT, "\r%-12s [%s] %3d%% %,d/%,d events", label, bar, percent, done, total));
        err.flush();
    }
}
