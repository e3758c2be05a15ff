package dev.spool.bench.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service suites' results as Markdown: per suite and configuration, the median rate of the runs (or,
 * when any run lost or duplicated an event, that run's verdict instead of a rate), every run, and the
 * targets ({@link ServiceTargets}).
 */
public final class ServiceReport {

    /** The subject of a run that failed before it measured anything. */
    static final String CRASHED = "(run)";

    private ServiceReport() {
    }

    /** One configuration over its runs. */
    record Cell(String suite, String subject, List<Measurement> runs) {
        boolean ok() {
            return !runs.isEmpty() && runs.stream().allMatch(Measurement::ok);
        }

        /** The first failing run's verdict, with how many runs failed. */
        String failure() {
            long failed = runs.stream().filter(m -> !m.ok()).count();
            return runs.stream().filter(m -> !m.ok()).findFirst().map(Measurement::verdict).orElse("OK")
                    + (failed > 0 ? " (" + failed + " of " + runs.size() + " runs)" : "");
        }

        double median() {
            double[] r = runs.stream().mapToDouble(Measurement::eventsPerSecond).sorted().toArray();
            return r.length == 0 ? 0 : r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
        }

        String medianOrFailure() {
            return ok() ? String.format(Locale.ROOT, "%,.0f", median()) : failure();
        }
    }

    /** Groups measurements by suite and subject, in the order first seen. */
    static Map<String, Cell> cells(List<Measurement> all) {
        Map<String, List<Measurement>> grouped = new LinkedHashMap<>();
        for (Measurement m : all) {
            grouped.computeIfAbsent(m.suite() + "/" + m.subject(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        grouped.forEach((k, runs) -> cells.put(k, new Cell(runs.get(0).suite(), runs.get(0).subject(), runs)));
        return cells;
    }

    /**
     * The runs of {@code subject} in {@code suite}, with the suite's runs that failed before measuring
     * anything ({@link ServiceRunner}'s {@value #CRASHED} rows): a crash counts against every target of its suite.
     */
    static Optional<Cell> cell(Map<String, Cell> cells, String suite, String subject) {
        Cell measured = cells.get(suite + "/" + subject);
        Cell crashed = cells.get(suite + "/" + CRASHED);
        if (crashed == null) {
            return Optional.ofNullable(measured);
        }
        List<Measurement> runs = new ArrayList<>(measured == null ? List.of() : measured.runs());
        runs.addAll(crashed.runs());
        return Optional.of(new Cell(suite, subject, runs));
    }

    /** The table of every configuration and the target lines. */
    public static String markdown(List<Measurement> all) {
        Map<String, Cell> cells = cells(all);
        StringBuilder md = new StringBuilder("| suite | configuration | events per run | events/s (median) | runs | note (last run) |\n")
                .append("| --- | --- | ---: | ---: | --- | --- |\n");
        for (Cell c : cells.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s |%n", c.suite(), c.subject(),
                    c.runs().get(0).events(), c.medianOrFailure(),
                    String.join(" / ", c.runs().stream().map(m -> m.ok()
                            ? String.format(Locale.ROOT, "%,.0f", m.eventsPerSecond()) : m.verdict()).toList()),
                    c.runs().get(c.runs().size() - 1).note().replace("|", "/")));
        }
        md.append("\nService targets:\n\n");
        for (ServiceTargets.Line line : ServiceTargets.judge(cells)) {
            md.append(line.render()).append('\n');
        }
        return md.toString();
    }

    /** Whether any run of Spool's own (every configuration but the OpenTelemetry SDK's) lost, duplicated or failed. */
    public static boolean spoolFailed(List<Measurement> all) {
        return all.stream().anyMatch(m -> !m.ok() && !m.subject().startsWith("otel-sdk"));
    }

    static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2fM", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
    }
}
