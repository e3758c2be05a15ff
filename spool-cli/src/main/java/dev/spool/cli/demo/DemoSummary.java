package dev.spool.cli.demo;

import dev.spool.Level;
import dev.spool.PipelineStats;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The table printed after the phases: one column per phase (and a total), rows for events, time,
 * throughput and each level used, then what the pipeline dropped and the file written.
 */
final class DemoSummary {

    private static final String ROW = "%-18s";
    private static final String CELL = "%16s";

    private final List<PhaseResult> phases;
    private final PipelineStats stats;
    private final Path file;

    DemoSummary(List<PhaseResult> phases, PipelineStats stats, Path file) {
        this.phases = List.copyOf(phases);
        this.stats = stats;
        this.file = file;
    }

    void print(PrintWriter out) {
        out.println();
        row(out, "", PhaseResult::phase, "total");
        row(out, "threads x events", p -> p.threads() + " x " + number(p.eventsPerThread()), "");
        row(out, "events", p -> number(p.events()), number(totalEvents()));
        row(out, "elapsed", p -> millis(p.elapsed()), millis(totalElapsed()));
        row(out, "events/s", p -> number(p.eventsPerSecond()), number(totalPerSecond()));
        for (Level level : Level.values()) {
            long total = phases.stream().mapToLong(p -> p.count(level)).sum();
            if (total > 0) {
                row(out, "  " + level, p -> number(p.count(level)), number(total));
            }
        }
        out.println(String.format(Locale.ROOT, ROW + "%s", "dropped", dropped()));
        out.println(String.format(Locale.ROOT, ROW + "%s", "file", file));
        out.println();
        out.flush();
    }

    private void row(PrintWriter out, String label, Function<PhaseResult, String> cell, String total) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, ROW, label));
        List<String> cells = new ArrayList<>();
        phases.forEach(p -> cells.add(cell.apply(p)));
        if (phases.size() > 1) {
            cells.add(total);
        }
        cells.forEach(c -> line.append(String.format(Locale.ROOT, CELL, c)));
        out.println(line.toString().stripTrailing());
    }

    private String dropped() {
        String text = number(stats.droppedTotal());
        if (stats.droppedTotal() > 0) {
            text += " " + stats.dropped();
        }
        if (stats.destinationFailed() > 0) {
            text += ", " + number(stats.destinationFailed()) + " refused by destinations";
        }
        return text;
    }

    private long totalEvents() {
        return phases.stream().mapToLong(PhaseResult::events).sum();
    }

    private Duration totalElapsed() {
        return phases.stream().map(PhaseResult::elapsed).reduce(Duration.ZERO, Duration::plus);
    }

    private long totalPerSecond() {
        return Math.round(totalEvents() * 1e9 / Math.max(1, totalElapsed().toNanos()));
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%,.1f ms", d.toNanos() / 1e6);
    }
}
