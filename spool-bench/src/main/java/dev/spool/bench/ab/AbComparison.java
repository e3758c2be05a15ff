package dev.spool.bench.ab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Summarizes an A/B run of {@code spool-bench/ab}: a directory of result directories named
 * {@code ROUND-old} and {@code ROUND-new}. Each cell (an end-to-end backend at a thread count, or a JMH
 * benchmark) gets the median of each side, the ratio new/old in "higher is better" terms, and a mark when
 * the new side is worse by more than {@code --allowed} (default 3%). Where the runs measured CPU time, the
 * producers', the backend threads' and the process's CPU nanoseconds per event are cells too: on a shared
 * machine they move far less than the rates. A run that failed its file check
 * makes its cell FAILED: a rate of a run that lost or reordered events is never shown.
 *
 * <pre>
 *   java -cp ... dev.spool.bench.ab.AbComparison DIR [--allowed 0.03]   prints Markdown, exit 4 on a drop
 * </pre>
 */
public final class AbComparison {

    /** CPU columns of e2e.csv compared as cells of their own (lower is better), and their labels. */
    private static final String[][] CPU_COLUMNS = {
            {"cpu_producer_ns_per_event", "CPU ns/event producers"},
            {"cpu_backend_ns_per_event", "CPU ns/event backend threads"},
            {"cpu_process_ns_per_event", "CPU ns/event process"}};

    private AbComparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: AbComparison DIR [--allowed 0.03]");
            System.exit(2);
        }
        double allowed = args.length >= 3 && args[1].equals("--allowed") ? Double.parseDouble(args[2]) : 0.03;
        Map<String, Cell> cells = collect(Path.of(args[0]));
        List<String> lines = new ArrayList<>();
        boolean worse = render(cells, allowed, lines);
        lines.forEach(System.out::println);
        Files.write(Path.of(args[0]).resolve("comparison.md"), lines);
        System.exit(worse ? 4 : 0);
    }

    static Map<String, Cell> collect(Path dir) throws IOException {
        Map<String, Cell> cells = new TreeMap<>();
        List<Path> runs;
        try (Stream<Path> s = Files.list(dir)) {
            runs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path run : runs) {
            String name = run.getFileName().toString();
            boolean old = name.endsWith("-old");
            if (!old && !name.endsWith("-new")) {
                continue;
            }
            for (Map<String, String> r : CsvRows.read(run.resolve("e2e.csv"))) {
                String shape = r.getOrDefault("shape", "");
                String key = String.format(Locale.ROOT, "e2e %-14s %-9s %3s threads", r.get("backend"),
                        shape == null || shape.isEmpty() ? "args3" : shape, r.get("threads"));
                boolean ok = "OK".equals(r.get("check"));
                cells.computeIfAbsent(key, k -> new Cell(true)).add(old, parse(r.get("events_per_s")), ok);
                for (String[] cpu : CPU_COLUMNS) {
                    double value = parse(r.getOrDefault(cpu[0], ""));
                    if (value > 0) { // an old build's CSV without the column, or a run that could not measure it
                        cells.computeIfAbsent(key + " " + cpu[1], k -> new Cell(false)).add(old, value, ok);
                    }
                }
            }
            for (Map<String, String> r : CsvRows.read(run.resolve("jmh.csv"))) {
                boolean higherBetter = "thrpt".equals(r.get("mode"));
                String key = "jmh " + r.get("benchmark") + " (" + r.get("unit") + ")";
                cells.computeIfAbsent(key, k -> new Cell(higherBetter)).add(old, parse(r.get("score")), true);
            }
        }
        return cells;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    static boolean render(Map<String, Cell> cells, double allowed, List<String> out) {
        out.add("| cell | old (median) | new (median) | new vs old | runs old/new | |");
        out.add("| --- | ---: | ---: | ---: | --- | --- |");
        boolean worse = false;
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            Cell c = e.getValue();
            String verdict;
            String ratio;
            if (c.failed) {
                verdict = "FAILED (a run lost, reordered or failed)";
                ratio = "-";
                worse = true;
            } else if (c.oldValues.isEmpty() || c.newValues.isEmpty()) {
                verdict = "one side only";
                ratio = "-";
            } else {
                double r = c.higherIsBetter ? median(c.newValues) / median(c.oldValues) : median(c.oldValues) / median(c.newValues);
                ratio = String.format(Locale.ROOT, "%.3f", r);
                verdict = r < 1 - allowed ? "WORSE by more than " + Math.round(allowed * 100) + "%" : "";
                worse |= !verdict.isEmpty();
            }
            out.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d/%d | %s |", e.getKey().trim(),
                    number(c.oldValues), number(c.newValues), ratio, c.oldValues.size(), c.newValues.size(), verdict));
        }
        return worse;
    }

    private static String number(List<Double> values) {
        return values.isEmpty() ? "-" : String.format(Locale.ROOT, "%,.1f", median(values));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One cell's results on each side; "higher is better" tells how to read the ratio. */
    static final class Cell {
        final boolean higherIsBetter;
        final List<Double> oldValues = new ArrayList<>();
        final List<Double> newValues = new ArrayList<>();
        boolean failed;

        Cell(boolean higherIsBetter) {
            this.higherIsBetter = higherIsBetter;
        }

        void add(boolean old, double value, boolean ok) {
            if (!ok || Double.isNaN(value)) {
                failed = true;
                return;
            }
            (old ? oldValues : newValues).add(value);
        }
    }
}
