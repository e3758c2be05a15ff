package dev.spool.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * End-to-end results folded per call shape, backend and thread count: the median rate of the repeats, or,
 * if any repeat failed its check, that failure in place of a rate.
 */
final class Summary {

    /** One backend at one thread count. */
    record Cell(boolean ok, double eventsPerSecond, double megabytesPerSecond, double producerEventsPerSecond,
                int runs, String text) {
    }

    /** The shape of the historic single-shape table, whose cells {@link #cell(String, int)} gives. */
    static final String MAIN_SHAPE = "args3";

    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<Integer, Cell>>> cells = new LinkedHashMap<>();
    private final Map<String, TreeSet<Integer>> threadCounts = new LinkedHashMap<>();

    Summary(List<EndToEndResult> results) {
        Map<String, Map<String, Map<Integer, List<EndToEndResult>>>> grouped = new LinkedHashMap<>();
        for (EndToEndResult r : results) {
            labels.putIfAbsent(r.backend(), r.label());
            threadCounts.computeIfAbsent(r.shape(), k -> new TreeSet<>()).add(r.threads());
            grouped.computeIfAbsent(r.shape(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.backend(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.threads(), k -> new ArrayList<>()).add(r);
        }
        grouped.forEach((shape, byBackend) -> byBackend.forEach((backend, byThreads) -> byThreads.forEach(
                (threads, runs) -> cells.computeIfAbsent(shape, k -> new LinkedHashMap<>())
                        .computeIfAbsent(backend, k -> new LinkedHashMap<>()).put(threads, fold(runs)))));
    }

    private static Cell fold(List<EndToEndResult> runs) {
        List<EndToEndResult> failed = runs.stream().filter(r -> !r.ok()).toList();
        if (!failed.isEmpty()) {
            String text = failed.get(0).verdict() + (runs.size() > 1 ? " (" + failed.size() + " of " + runs.size()
                    + " runs)" : "");
            return new Cell(false, 0, 0, 0, runs.size(), text);
        }
        List<EndToEndResult> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.eventsPerSecond(), b.eventsPerSecond()));
        EndToEndResult median = sorted.get(sorted.size() / 2);
        return new Cell(true, median.eventsPerSecond(), median.megabytesPerSecond(), median.producerEventsPerSecond(),
                runs.size(), rate(median.eventsPerSecond()) + "/s");
    }

    /** The cell of {@link #MAIN_SHAPE}. */
    Optional<Cell> cell(String backend, int threads) {
        return cell(MAIN_SHAPE, backend, threads);
    }

    Optional<Cell> cell(String shape, String backend, int threads) {
        return Optional.ofNullable(cells.getOrDefault(shape, Map.of()).getOrDefault(backend, Map.of()).get(threads));
    }

    /** The backends of {@link #MAIN_SHAPE}'s table. */
    List<String> backends() {
        return backends(MAIN_SHAPE);
    }

    List<String> backends(String shape) {
        return List.copyOf(cells.getOrDefault(shape, Map.of()).keySet());
    }

    /** The shapes measured, in the order first run. */
    List<String> shapes() {
        return List.copyOf(cells.keySet());
    }

    String label(String backend) {
        return labels.get(backend);
    }

    /** The thread counts of {@link #MAIN_SHAPE}. */
    List<Integer> threadCounts() {
        return threadCounts(MAIN_SHAPE);
    }

    List<Integer> threadCounts(String shape) {
        return List.copyOf(threadCounts.getOrDefault(shape, new TreeSet<>()));
    }

    /** A rate in short form: 1.23M, 456k, 789. */
    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
