package dev.spool.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one invocation measured, written as CSV (one row per run), Markdown (tables, machine,
 * targets) and SVG (throughput vs threads, latency percentiles vs load).
 */
public final class Report {

    private static final String[] PERCENTILES = {"p50", "p99", "p99.9", "p99.99", "max"};
    /** Backend ids in color order, so a backend has the same color in every chart. */
    private static final List<String> COLOR_ORDER = List.of("spool", "log4j2-async", "log4j2-async-d4",
            "logback-async", "log4j2-sync", "logback-sync", "", "noop");

    private final String title;
    private final List<String> settings;
    private final Machine machine;
    private final List<EndToEndResult> endToEnd;
    private final List<LatencyResult> latency;
    private final List<MicroResult> micro;
    private final Summary summary;
    /** The runs' cold passes (the first pass of each JVM), folded as {@link #summary} folds the measured ones. */
    private final Summary coldSummary;

    /**
     * @param title    such as "quick mode, 2025-11-22 10:00"
     * @param settings how the runs were made, one line each
     */
    public Report(String title, List<String> settings, Machine machine, List<EndToEndResult> endToEnd,
                  List<LatencyResult> latency, List<MicroResult> micro) {
        this.title = title;
        this.settings = List.copyOf(settings);
        this.machine = machine;
        this.endToEnd = List.copyOf(endToEnd);
        this.latency = List.copyOf(latency);
        this.micro = List.copyOf(micro);
        this.summary = new Summary(endToEnd);
        this.coldSummary = new Summary(endToEnd.stream().map(EndToEndResult::cold).filter(Objects::nonNull).toList());
    }

    /** Every end-to-end run. */
    public List<EndToEndResult> endToEnd() {
        return endToEnd;
    }

    /** Every latency run. */
    public List<LatencyResult> latency() {
        return latency;
    }

    /** The target lines (PASS / FAIL / NOT MEASURED ...), as Markdown list items. */
    public List<String> targets() {
        return Targets.judge(summary, latency, micro).stream().map(Targets.Line::render).toList();
    }

    /** The throughput target lines judged on the cold passes; empty when no run had one. */
    public List<String> coldTargets() {
        return coldSummary.shapes().isEmpty() ? List.of()
                : Targets.throughput(coldSummary).stream().map(Targets.Line::render).toList();
    }

    /** Writes report.md, the CSV files and the charts into {@code dir}; returns the report's path. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Csv.endToEnd(endToEnd, dir.resolve("e2e.csv"));
        Csv.latency(latency, dir.resolve("latency.csv"));
        Csv.micro(micro, dir.resolve("jmh.csv"));
        if (!endToEnd.isEmpty()) {
            Files.writeString(dir.resolve("throughput.svg"), throughputChart(), StandardCharsets.UTF_8);
        }
        if (!latency.isEmpty()) {
            Files.writeString(dir.resolve("latency.svg"), latencyChart(), StandardCharsets.UTF_8);
        }
        Path report = dir.resolve("report.md");
        Files.writeString(report, markdown(), StandardCharsets.UTF_8);
        return report;
    }

    /** The whole report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n");
        machine(md);
        md.append("\nSettings:\n\n");
        settings.forEach(s -> md.append("- ").append(s).append('\n'));
        if (!endToEnd.isEmpty()) {
            endToEndTables(md, summary, "");
            shapesTable(md, summary, "");
            if (!coldSummary.shapes().isEmpty()) {
                md.append("\n#### Cold JVM: the first pass of each run\n\nThe same runs' first pass, of as many events"
                        + " as the measured one, while the JIT was still compiling; it ended when the backend had drained"
                        + " its queue. The measured figures above are the second pass, in the same JVM.\n");
                endToEndTables(md, coldSummary, ", cold");
                shapesTable(md, coldSummary, ", cold");
            }
            runsTable(md);
        }
        if (!latency.isEmpty()) {
            latencyTable(md);
        }
        if (!micro.isEmpty()) {
            microTable(md);
        }
        md.append("\n#### Targets\n\n");
        targets().forEach(t -> md.append(t).append('\n'));
        List<String> cold = coldTargets();
        if (!cold.isEmpty()) {
            md.append("\n#### Throughput targets judged on the cold passes\n\n");
            cold.forEach(t -> md.append(t).append('\n'));
        }
        return md.toString();
    }

    private void machine(StringBuilder md) {
        md.append("| machine | |\n| --- | --- |\n");
        row(md, "cores", Integer.toString(machine.cores()));
        row(md, "memory", machine.memoryText());
        row(md, "CPU", machine.cpu());
        row(md, "OS", machine.os());
        row(md, "JDK", machine.jdk());
        row(md, "benchmark JVM flags", machine.jvmFlags());
        row(md, "disk", machine.disk());
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        md.append('\n');
    }

    private static void endToEndTables(StringBuilder md, Summary summary, String which) {
        List<Integer> threads = summary.threadCounts();
        md.append("\n#### End to end to a file, `" + Summary.MAIN_SHAPE + "`" + which
                + " (events/s until " + (which.isEmpty() ? "shutdown returned" : "drained") + "; median of repeats)\n\n");
        List<String> header = new ArrayList<>(List.of("backend"));
        threads.forEach(t -> header.add(t + (t == 1 ? " thread" : " threads")));
        row(md, header.toArray(new String[0]));
        row(md, header.stream().map(h -> "---").toArray(String[]::new));
        for (String backend : summary.backends()) {
            List<String> cells = new ArrayList<>(List.of(summary.label(backend)));
            threads.forEach(t -> cells.add(summary.cell(backend, t).map(Summary.Cell::text).orElse("-")));
            row(md, cells.toArray(new String[0]));
        }
    }

    /**
     * Every call shape at every thread count: Spool, each peer configuration, the fastest peer and Spool's
     * ratio to it (Spool's own API against the peers' {@code args2}, the same message through SLF4J).
     */
    private static void shapesTable(StringBuilder md, Summary summary, String which) {
        md.append("\n#### Call shapes" + which + ": Spool against the fastest peer configuration (events/s, median of repeats)\n\n");
        List<String> header = new ArrayList<>(List.of("shape", "threads", "Spool"));
        header.addAll(PeerTargets.PEERS.values());
        header.addAll(List.of("fastest peer", "Spool / fastest"));
        row(md, header.toArray(new String[0]));
        List<String> align = new ArrayList<>(List.of("---", "---:"));
        header.stream().skip(2).forEach(h -> align.add(h.equals("fastest peer") ? "---" : "---:"));
        row(md, align.toArray(new String[0]));
        for (String shape : summary.shapes()) {
            String peerShape = dev.spool.bench.run.Shape.byId(shape).peerEquivalent().id();
            for (int threads : summary.threadCounts(shape)) {
                List<String> cells = new ArrayList<>(List.of(shape, Integer.toString(threads),
                        summary.cell(shape, PeerTargets.SPOOL, threads).map(Summary.Cell::text).orElse("-")));
                PeerTargets.PEERS.keySet().forEach(peer -> cells.add(
                        summary.cell(peerShape, peer, threads).map(Summary.Cell::text).orElse("-")));
                PeerTargets.Fastest fastest = PeerTargets.fastestPeer(summary, shape, threads);
                Optional<Summary.Cell> spool = summary.cell(shape, PeerTargets.SPOOL, threads).filter(Summary.Cell::ok);
                cells.add(fastest.found() ? PeerTargets.PEERS.get(fastest.peer()) : "-");
                cells.add(fastest.found() && spool.isPresent() ? String.format(Locale.ROOT, "%.2fx",
                        spool.get().eventsPerSecond() / fastest.eventsPerSecond()) : "-");
                row(md, cells.toArray(new String[0]));
            }
        }
        md.append("\nThe calls:\n\n");
        for (String shape : summary.shapes()) {
            md.append("- `").append(shape).append("`: ").append(dev.spool.bench.run.Shape.byId(shape).call()).append('\n');
        }
    }

    private void runsTable(StringBuilder md) {
        md.append("\nEvery run, with the producers' own rate (until their last call returned):\n\n");
        row(md, "backend", "shape", "threads", "run", "producer ev/s", "end-to-end ev/s", "MB/s", "seconds",
                "cold pass ev/s", "check", "notes");
        row(md, "---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---");
        for (EndToEndResult r : endToEnd) {
            row(md, r.backend(), r.shape(), Integer.toString(r.threads()), Integer.toString(r.repeat()),
                    r.ok() ? Summary.rate(r.producerEventsPerSecond()) : "-",
                    r.ok() ? Summary.rate(r.eventsPerSecond()) : "-",
                    r.ok() ? String.format(Locale.ROOT, "%.1f", r.megabytesPerSecond()) : "-",
                    String.format(Locale.ROOT, "%.3f", r.endToEndNanos() / 1e9),
                    r.ok() && r.cold() != null ? Summary.rate(r.cold().eventsPerSecond()) : "-", r.verdict(), r.note());
        }
    }

    private void latencyTable(StringBuilder md) {
        md.append("\n#### Latency under load (µs from intended start, coordinated omission corrected; at saturation, "
                + "each call's own duration)\n\n");
        row(md, "load ev/s", "backend", "achieved ev/s", "p50", "p99", "p99.9", "p99.99", "max", "check", "notes");
        row(md, "---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---");
        for (LatencyResult r : latency) {
            List<String> cells = new ArrayList<>(List.of(LatencyResult.loadText(r.load()), r.label(),
                    Summary.rate(r.achievedRate()) + (r.sustained() ? "" : " (not sustained)")));
            for (long p : r.percentilesNanos()) {
                cells.add(r.count() > 0 ? String.format(Locale.ROOT, "%.1f", p / 1e3) : "-");
            }
            cells.add(r.verdict());
            cells.add(r.note());
            row(md, cells.toArray(new String[0]));
        }
    }

    private void microTable(StringBuilder md) {
        md.append("\n#### JMH micro-benchmarks (-prof gc)\n\n");
        row(md, "benchmark", "threads", "score", "error", "unit", "alloc B/op");
        row(md, "---", "---:", "---:", "---:", "---", "---:");
        for (MicroResult m : micro) {
            row(md, m.benchmark(), Integer.toString(m.threads()), String.format(Locale.ROOT, "%.3f", m.score()),
                    Double.isNaN(m.error()) ? "-" : String.format(Locale.ROOT, "± %.3f", m.error()), m.unit(),
                    Double.isNaN(m.allocBytesPerOp()) ? "-" : String.format(Locale.ROOT, "%.3f", m.allocBytesPerOp()));
        }
    }

    private String throughputChart() {
        List<Integer> threads = summary.threadCounts();
        List<SvgChart.Series> series = new ArrayList<>();
        for (String backend : summary.backends()) {
            double[] values = threads.stream().mapToDouble(t -> summary.cell(backend, t)
                    .filter(Summary.Cell::ok).map(Summary.Cell::eventsPerSecond).orElse(Double.NaN)).toArray();
            series.add(new SvgChart.Series(summary.label(backend), COLOR_ORDER.indexOf(backend), values));
        }
        SvgChart.Panel panel = new SvgChart.Panel(
                "events/s until every event is in the file (missing point: failed check)",
                "producer threads", "events per second", threads.stream().map(String::valueOf).toList(), series, false);
        return SvgChart.render("End to end to a file, " + Summary.MAIN_SHAPE + ": " + title, List.of(panel), 1);
    }

    private static java.util.function.Predicate<LatencyResult> distinctBackend() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return r -> seen.add(r.backend());
    }

    private String latencyChart() {
        List<Integer> loads = latency.stream().map(LatencyResult::load).distinct().sorted(LatencyResult.LOAD_ORDER)
                .toList();
        List<LatencyResult> backends = latency.stream().filter(distinctBackend()).toList();
        List<SvgChart.Panel> panels = new ArrayList<>();
        for (int p = 0; p < PERCENTILES.length; p++) {
            int index = p;
            List<SvgChart.Series> series = new ArrayList<>();
            for (LatencyResult backend : backends) {
                double[] values = loads.stream().mapToDouble(load -> latency.stream()
                        .filter(r -> r.backend().equals(backend.backend()) && r.load() == load)
                        .filter(r -> r.ok() && r.count() > 0)
                        .mapToDouble(r -> r.percentilesNanos()[index] / 1e3).findFirst().orElse(Double.NaN)).toArray();
                series.add(new SvgChart.Series(backend.label(), COLOR_ORDER.indexOf(backend.backend()), values));
            }
            panels.add(new SvgChart.Panel(PERCENTILES[p], "load (events/s, 4 producers)", "µs (log scale)",
                    loads.stream().map(LatencyResult::loadText).toList(), series, true));
        }
        return SvgChart.render("Latency percentiles vs load: " + title, panels, 3);
    }
}
