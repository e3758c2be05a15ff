package dev.spool.bench.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service suites' results as Markdown: per suite and configuration, the median rate of the runs'
 * measured passes (or, when any run lost or duplicated an event in either pass, that run's verdict instead
 * of a rate), every run, the cold passes' median and runs beside them, and the targets ({@link ServiceTargets}).
 */
public final class ServiceReport {

    /** The subject of a run that failed before it measured anything. */
    static final String CRASHED = "(run)";

    private ServiceReport() {
    }

    /**
     * One configuration over its runs: the measured pass of each ({@code runs}), the cold first pass of each
     * ({@code cold}) and the further uncounted passes of each ({@code warming}, the same number per run), in
     * the order of the runs; a run that crashed has only a measured entry, after the others.
     */
    record Cell(String suite, String subject, List<Measurement> runs, List<Measurement> cold, List<Measurement> warming) {

        Cell(String suite, String subject, List<Measurement> runs) {
            this(suite, subject, runs, List.of(), List.of());
        }

        /** Every run delivered every event exactly once, in every pass. */
        boolean ok() {
            return !runs.isEmpty() && runs.stream().allMatch(Measurement::ok) && cold.stream().allMatch(Measurement::ok)
                    && warming.stream().allMatch(Measurement::ok);
        }

        /**
         * The first failing run's verdict (its measured pass's, else its cold or warm-up pass's, named as such),
         * with how many runs failed in any pass.
         */
        String failure() {
            int perRun = cold.isEmpty() ? 0 : warming.size() / cold.size();
            long failed = 0;
            String first = null;
            for (int i = 0; i < runs.size(); i++) {
                String verdict = runs.get(i).ok() ? null : runs.get(i).verdict();
                if (verdict == null && i < cold.size() && !cold.get(i).ok()) {
                    verdict = cold.get(i).verdict() + " in the cold pass";
                }
                for (int w = i * perRun; verdict == null && i < cold.size() && w < (i + 1) * perRun; w++) {
                    verdict = warming.get(w).ok() ? null : warming.get(w).verdict() + " in a warm-up pass";
                }
                if (verdict != null) {
                    failed++;
                    first = first == null ? verdict : first;
                }
            }
            return first == null ? "OK" : first + " (" + failed + " of " + runs.size() + " runs)";
        }

        /** The median rate of the measured passes. */
        double median() {
            return median(runs);
        }

        /** The median rate of the cold passes (0 when there were none). */
        double coldMedian() {
            return median(cold);
        }

        private static double median(List<Measurement> of) {
            double[] r = of.stream().mapToDouble(Measurement::eventsPerSecond).sorted().toArray();
            return r.length == 0 ? 0 : r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
        }

        String medianOrFailure() {
            return ok() ? String.format(Locale.ROOT, "%,.0f", median()) : failure();
        }

        /** The cold passes' median rate, or their first loss, or that there were none. */
        String coldMedianOrFailure() {
            if (cold.isEmpty()) {
                return "no cold pass";
            }
            Optional<Measurement> lost = cold.stream().filter(m -> !m.ok()).findFirst();
            long failed = cold.stream().filter(m -> !m.ok()).count();
            return lost.map(m -> m.verdict() + " (" + failed + " of " + cold.size() + " runs)")
                    .orElseGet(() -> String.format(Locale.ROOT, "%,.0f", coldMedian()));
        }

        /** {@code "cold 250k"}, for a target's line: the cold median beside the measured one. */
        String coldRate() {
            return cold.isEmpty() ? "no cold pass" : cold.stream().allMatch(Measurement::ok)
                    ? "cold " + rate(coldMedian()) : "cold pass " + coldMedianOrFailure();
        }
    }

    /** Groups measurements by suite and subject, in the order first seen, each pass apart. */
    static Map<String, Cell> cells(List<Measurement> all) {
        Map<String, Map<String, List<Measurement>>> byKey = new LinkedHashMap<>();
        for (Measurement m : all) {
            byKey.computeIfAbsent(m.suite() + "/" + m.subject(), k -> new java.util.HashMap<>())
                    .computeIfAbsent(m.pass(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        byKey.forEach((key, passes) -> {
            Measurement any = passes.values().iterator().next().get(0);
            cells.put(key, new Cell(any.suite(), any.subject(), passes.getOrDefault(Measurement.WARM, List.of()),
                    passes.getOrDefault(Measurement.COLD, List.of()), passes.getOrDefault(Measurement.WARMING, List.of())));
        });
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
        return Optional.of(new Cell(suite, subject, runs, measured == null ? List.of() : measured.cold(),
                measured == null ? List.of() : measured.warming()));
    }

    /**
     * The table of every configuration and the target lines: the measured (warm) pass's rates are the
     * figures and what the targets judge; the cold pass's (the first in each fresh JVM) stand beside them.
     */
    public static String markdown(List<Measurement> all) {
        Map<String, Cell> cells = cells(all);
        StringBuilder md = new StringBuilder("Each run is a fresh JVM that sends every configuration through"
                + " uncounted warm-up passes of the same size (the first of them the cold pass: the JIT compiling as it"
                + " goes) and then the measured pass. Every pass is checked event by event; the figures and targets are"
                + " the measured pass's, the cold pass's stand beside them.\n\n")
                .append("| suite | configuration | events per run | events/s, measured (median) | runs | cold first pass"
                        + " (median) | cold runs | note (last measured run) |\n")
                .append("| --- | --- | ---: | ---: | --- | ---: | --- | --- |\n");
        for (Cell c : cells.values()) {
            Measurement last = c.runs().isEmpty() ? c.cold().get(c.cold().size() - 1) : c.runs().get(c.runs().size() - 1);
            String coldEvents = c.cold().isEmpty() || c.cold().get(0).events() == last.events() ? ""
                    : String.format(Locale.ROOT, " (%,d events)", c.cold().get(0).events());
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s%s | %s | %s |%n", c.suite(), c.subject(),
                    last.events(), c.medianOrFailure(), rates(c.runs()), c.coldMedianOrFailure(), coldEvents,
                    rates(c.cold()), last.note().replace("|", "/")));
        }
        md.append("\nService targets (measured pass; the cold pass's median beside it):\n\n");
        for (ServiceTargets.Line line : ServiceTargets.judge(cells)) {
            md.append(line.render()).append('\n');
        }
        return md.toString();
    }

    private static String rates(List<Measurement> runs) {
        return runs.isEmpty() ? "-" : String.join(" / ", runs.stream().map(m -> m.ok()
                ? String.format(Locale.ROOT, "%,.0f", m.eventsPerSecond()) : m.verdict()).toList());
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
