package dev.spool.bench;

import dev.spool.SpoolConfig;
import dev.spool.bench.report.EndToEndResult;
import dev.spool.bench.report.LatencyResult;
import dev.spool.bench.report.Machine;
import dev.spool.bench.report.MicroResult;
import dev.spool.bench.report.Report;
import dev.spool.bench.run.Shape;
import dev.spool.bench.services.Measurement;
import dev.spool.bench.services.ServiceReport;
import dev.spool.bench.services.ServiceRunner;
import dev.spool.bench.services.Suites;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark command: {@code bench smoke|quick|full [options]} (see {@link Options} for the options).
 * Writes CSV, Markdown and SVG into the output directory, prints the report and the targets, and exits
 * with 3 if any Spool run lost, reordered or failed (peers' failures are reported, not fatal).
 */
public final class Bench {

    /** The pattern every backend formats with. */
    static final String PATTERN = "%d{ISO8601} %-5p [%t] %c - %m%n";
    static final int BUFFER_BYTES = 256 * 1024;
    /**
     * Every async backend's queue unless {@code --queue-slots} says otherwise: the size at which the fastest
     * async peer (Logback's {@code AsyncAppender}) ran fastest of 256 to 65,536 slots, and Spool no slower than
     * at its default of 65,536 (docs/decisions/queue-size.md). Not Spool's default, which keeps four times the
     * burst for a stalled destination.
     */
    static final int QUEUE_SLOTS = 16_384;
    private static final DateTimeFormatter STAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<Measurement> services = new ArrayList<>();
        Report report = execute(args, System.out, services);
        System.out.println();
        if (services.isEmpty() || !report.endToEnd().isEmpty() || !report.latency().isEmpty()) {
            System.out.println(report.markdown()); // not for a run of service suites alone: nothing in it
        }
        if (!services.isEmpty()) {
            System.out.println(ServiceReport.markdown(services));
        }
        boolean spoolFailed = report.endToEnd().stream().anyMatch(r -> r.backend().equals("spool") && !r.ok())
                || report.latency().stream().anyMatch(r -> r.backend().equals("spool") && !r.ok())
                || ServiceReport.spoolFailed(services);
        System.exit(spoolFailed ? 3 : 0);
    }

    /**
     * Runs what {@code args} ask for and writes the results; {@code progress} gets one line per run.
     *
     * @throws IllegalArgumentException for bad arguments
     */
    public static Report execute(String[] args, PrintStream progress) throws Exception {
        return execute(args, progress, new ArrayList<>());
    }

    /**
     * As {@link #execute(String[], PrintStream)}, adding the service suites' measurements to {@code services}
     * (their report is {@code services.md} in the output directory, also printed to {@code progress}).
     */
    public static Report execute(String[] args, PrintStream progress, List<Measurement> services) throws Exception {
        Options options = Options.parse(args);
        Plan plan = options.plan();
        Path outDir = options.outDir().orElseGet(() -> defaultOutDir(options.classesDir(), plan.mode()))
                .toAbsolutePath();
        Files.createDirectories(outDir);
        progress.println("spool-bench " + plan.mode() + ": results in " + outDir);
        Report report = measure(plan, options, outDir, progress);
        List<Suites> suites = Suites.among(plan.sections());
        if (!suites.isEmpty()) {
            services.addAll(new ServiceRunner(options.classesDir(), options.libDir(), ChildRunner.JVM_FLAGS,
                    plan.childTimeout(), outDir, progress).run(suites, plan.mode(), plan.repeats()));
        }
        Path written = report.writeTo(outDir);
        progress.println("report: " + written);
        if (options.docs().isPresent()) {
            DocsSection.replace(options.docs().get(), report, outDir);
            progress.println("updated " + options.docs().get());
        }
        return report;
    }

    private static Report measure(Plan plan, Options options, Path outDir, PrintStream progress) throws Exception {
        ChildRunner runner = new ChildRunner(options.classesDir(), options.libDir(), plan.childTimeout());
        List<EndToEndResult> e2e = new ArrayList<>();
        List<LatencyResult> latency = new ArrayList<>();
        List<MicroResult> micro = new ArrayList<>();
        if (plan.sections().contains("e2e")) {
            e2e = new EndToEndSuite(plan, runner, outDir, options.libDir(), options.keepLogs(), progress).run();
        }
        if (plan.sections().contains("latency")) {
            latency = new LatencySuite(plan, runner, outDir, options.libDir(), options.keepLogs(), progress).run();
        }
        if (plan.sections().contains("multiprocess")) {
            List<MultiProcessSuite.Result> many = new MultiProcessSuite(plan, runner, outDir, options.keepLogs(), progress).run();
            progress.println(MultiProcessSuite.markdown(many));
        }
        if (plan.sections().contains("jmh") && plan.jmhForks() > 0) {
            micro = new JmhSuite(plan, outDir, options.jmhInclude(), progress).run();
        }
        return new Report(plan.mode() + " mode, " + LocalDateTime.now().format(STAMP_TEXT), settings(plan),
                Machine.detect(outDir, ChildRunner.JVM_FLAGS), e2e, latency, micro);
    }

    private static Path defaultOutDir(Path classesDir, String mode) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return classesDir.getParent().resolve("bench-results").resolve(mode + "-" + stamp);
    }

    /** The file settings every backend gets for a run of {@code plan} writing {@code file}. */
    static ChildRunner.Settings settings(Path file, Plan plan) {
        return new ChildRunner.Settings(file, BUFFER_BYTES, plan.queueSlots(), PATTERN);
    }

    /** The settings of a run of {@code shape}: the pattern prints key/values where the shape has them. */
    static ChildRunner.Settings settings(Path file, Plan plan, Shape shape, Backend backend) {
        return new ChildRunner.Settings(file, BUFFER_BYTES, plan.queueSlots(), shape.pattern(backend.family, PATTERN));
    }

    private static List<String> settings(Plan plan) {
        List<String> lines = new ArrayList<>(List.of(
                "every backend: pattern `" + PATTERN + "`, file buffer " + BUFFER_BYTES / 1024
                        + " KB, no immediate flush; async backends: " + plan.queueSlots()
                        + " queue slots (Spool's default: " + SpoolConfig.DEFAULT_QUEUE_CAPACITY + "), blocking when full",
                "calls: the shapes " + plan.shapes().stream().map(Shape::id).toList() + " (listed under the shapes "
                        + "table), each through SLF4J 2 identically for every backend (spool-api: Spool only), each "
                        + "backend configured by its own configuration file (kept in every run's directory); "
                        + "latency runs use `" + Shape.MAIN.id() + "`",
                "Spool has no synchronous mode: it appears only as async"));
        if (plan.sections().contains("e2e")) {
            lines.add("end to end: " + plan.events() + " events per run over all producers, threads "
                    + plan.threadCounts() + " (`" + Shape.MAIN.id() + "`) and " + plan.shapeThreads()
                    + " (the other shapes), " + plan.repeats() + " fresh JVM(s) per cell (median shown); each JVM"
                    + " logs them twice: a cold pass, timed until the backend has drained its queue, then the"
                    + " measured pass, timed from releasing the producers to the return of the backend's shutdown"
                    + " (file written and closed, no fsync); every event of both passes is checked in the file");
        }
        if (plan.sections().contains("latency")) {
            lines.add("latency: " + plan.latencyThreads() + " producers at loads "
                    + plan.loads().stream().map(LatencyResult::loadText).toList() + " events/s, "
                    + plan.warmup().toMillis() + " ms warm-up then " + plan.measure().toMillis()
                    + " ms measured, paced with parkNanos (latency from each event's intended start: coordinated "
                    + "omission corrected); at saturation the producers log back to back, as many events as at "
                    + "500k/s, each latency the call's own duration, block policy; the noop row is the harness alone");
        }
        if (plan.sections().contains("multiprocess")) {
            lines.add("many processes: 1, 2 and 4 processes with one producer each append " + plan.events() / 4
                    + " events each to one file (multiprocess.md in the output directory)");
        }
        if (!Suites.among(plan.sections()).isEmpty()) {
            lines.add("services: " + Suites.among(plan.sections()).stream().map(s -> s.id + " " + s.events(plan.mode()))
                    .toList() + " events per run, " + plan.repeats() + " fresh JVM(s) each (median shown); "
                    + "services.md in the output directory");
        }
        if (plan.sections().contains("jmh")) {
            lines.add("JMH: " + plan.jmhForks() + " fork(s), " + plan.jmhWarmups() + " warm-up + "
                    + plan.jmhMeasurements() + " measured iterations of " + plan.jmhIteration().toMillis()
                    + " ms, -prof gc");
        }
        return lines;
    }
}
