package dev.spool.cli.demo;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.CliLogging;
import dev.spool.cli.SpoolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code spool demo}: the embedded-store example (threads logging events and metrics into SQLite, then
 * the summary read back from the database) and the high-concurrency example (many threads log through
 * the {@code CONCURRENCY} route into one text file, then the file is read back and checked).
 *
 * <p>Uses only Spool's public API: {@link SpoolConfig}, {@link Spool#configure}, {@link Spool#logger},
 * {@link Spool#flush}, {@link Spool#stats}. Replaces the process's Spool configuration while it runs and
 * puts the CLI's own back at the end ({@link CliLogging}).
 */
@Command(name = "demo",
        description = {
            "Log from many threads, then read it all back and check it.",
            "",
            "Scenario 'sqlite' runs SQLITE-THREADS threads for SQLITE-SECONDS seconds, logging at mixed levels "
                    + "with fields, a correlation id and a request_duration metric per event into DIR/spool.db, then "
                    + "prints totals, logs/s and logs by level read back from the database.",
            "",
            "Phase 'concurrency' logs THREADS x EVENTS events through the CONCURRENCY route into "
                    + "DIR/high_concurrency/threaded.log (text), each with fields and a correlation id; "
                    + "phase 'stress' then logs STRESS-THREADS x STRESS-EVENTS more into the same file. "
                    + "A table shows events, time, events/s, levels and drops; finally every event must be "
                    + "in the file exactly once and each thread's events in the order it logged them.",
            "",
            "The demo never deletes or overwrites a file: when DIR/spool.db or DIR/high_concurrency/threaded.log"
                    + " exists (an earlier run, or anything else), it writes DIR/spool-2.db and "
                    + "DIR/high_concurrency/threaded-2.log (the first free number) and says so. "
                    + "--dir DIR writes elsewhere.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all events written, verified",
            "1:an event was dropped, missing, duplicated or out of order, or a file could not be written",
            "2:usage error"})
public final class DemoCommand implements Callable<Integer> {

    static final String RELATIVE_FILE = "high_concurrency/threaded.log";
    private static final int MAX_THREADS = 1_000;
    private static final long MAX_EVENTS_PER_PHASE = 100_000_000L;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--threads", defaultValue = "10", paramLabel = "N",
            description = "Threads in the concurrency phase (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--events", defaultValue = "20", paramLabel = "N",
            description = "Events per thread in the concurrency phase (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--stress-threads", defaultValue = "20", paramLabel = "N",
            description = "Threads in the stress phase; 0 skips it (default: ${DEFAULT-VALUE}).")
    int stressThreads;

    @Option(names = "--stress-events", defaultValue = "1000", paramLabel = "N",
            description = "Events per thread in the stress phase; 0 skips it (default: ${DEFAULT-VALUE}).")
    int stressEvents;

    @Option(names = "--dir", defaultValue = "logs", paramLabel = "DIR",
            description = "Output directory: DIR/spool.db and DIR/" + RELATIVE_FILE + ", numbered when they exist "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--scenario", defaultValue = "all", paramLabel = "NAME",
            description = "all (default), sqlite or concurrency.")
    String scenario;

    @Option(names = "--sqlite-threads", defaultValue = "8", paramLabel = "N",
            description = "Threads in the sqlite scenario (default: ${DEFAULT-VALUE}).")
    int sqliteThreads;

    @Option(names = "--sqlite-seconds", defaultValue = "5", paramLabel = "N",
            description = "How long the sqlite scenario's threads log (default: ${DEFAULT-VALUE}).")
    int sqliteSeconds;

    @Option(names = "--sqlite-rate", defaultValue = "1000", paramLabel = "N",
            description = "Events per second per thread in the sqlite scenario; 0 means as fast as they can "
                    + "(default: ${DEFAULT-VALUE}).")
    int sqliteRate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!List.of("all", "sqlite", "concurrency").contains(scenario)) {
            throw new ParameterException(spec.commandLine(), "bad value '" + scenario
                    + "' for --scenario: expected all, sqlite or concurrency");
        }
        boolean concurrency = !scenario.equals("sqlite");
        List<Workload.Plan> plans = concurrency ? plans() : List.of();
        SqliteScenario.Plan sqlitePlan = scenario.equals("concurrency") ? null : sqlitePlan();
        DemoFiles files = DemoFiles.in(dir);
        String notice = files.notice(dir, sqlitePlan != null, concurrency);
        if (notice != null) {
            spec.commandLine().getOut().println(notice);
        }
        int code = SpoolCommand.OK;
        if (sqlitePlan != null) {
            code = runSqlite(sqlitePlan, files.db());
        }
        if (concurrency) {
            code = Math.max(code, runConcurrency(plans, files.log()));
        }
        return code;
    }

    private SqliteScenario.Plan sqlitePlan() {
        return new SqliteScenario.Plan(checked("--sqlite-threads", sqliteThreads, 1),
                Duration.ofSeconds(checked("--sqlite-seconds", sqliteSeconds, 1)),
                checked("--sqlite-rate", sqliteRate, 0));
    }

    /** The embedded-store scenario; returns its exit code. */
    private int runSqlite(SqliteScenario.Plan plan, Path db) throws IOException, InterruptedException {
        SqliteScenario sqlite = new SqliteScenario(plan, db);
        PrintWriter out = spec.commandLine().getOut();
        out.println("spool demo: sqlite " + plan.threads() + " threads x " + plan.duration().toSeconds() + " s at "
                + (plan.ratePerThread() == 0 ? "full speed" : plan.ratePerThread() + " events/s each") + " -> " + sqlite.db());
        out.flush();
        sqlite.prepare();
        Spool.configure(SqliteScenario.config(sqlite.db()));
        SqliteScenario.Logged logged;
        PipelineStats stats;
        try {
            logged = sqlite.run();
            stats = Spool.stats();
        } finally {
            CliLogging.install(); // drains the demo's pipeline; the CLI's own logging again, never auto-configured
        }
        boolean ok = new SqliteSummary(logged, stats, sqlite.db()).print(out, spec.commandLine().getErr());
        return ok ? SpoolCommand.OK : SpoolCommand.FAILED;
    }

    /** The file scenario (phases concurrency and stress); returns its exit code. */
    private int runConcurrency(List<Workload.Plan> plans, Path file) throws IOException, InterruptedException {
        String runId = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        PrintWriter out = spec.commandLine().getOut();
        out.println("spool demo: " + describe(plans) + " -> " + file);
        out.flush();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Spool.configure(config(file));
        List<PhaseResult> results = new ArrayList<>();
        PipelineStats stats;
        try {
            for (Workload.Plan plan : plans) {
                Progress progress = Progress.on(spec.commandLine().getErr(), plan.phase(), plan.events());
                results.add(new Workload(plan, runId).run(progress));
            }
            stats = Spool.stats();
        } finally {
            CliLogging.install(); // drains the demo's pipeline; the CLI's own logging again, never auto-configured
        }
        new DemoSummary(results, stats, file).print(out);
        return verdict(file, runId, plans, stats);
    }

    private List<Workload.Plan> plans() {
        List<Workload.Plan> plans = new ArrayList<>();
        plans.add(new Workload.Plan("concurrency", "CONCURRENCY", checked("--threads", threads, 1),
                checked("--events", events, 1)));
        checked("--stress-threads", stressThreads, 0);
        checked("--stress-events", stressEvents, 0);
        if (stressThreads > 0 && stressEvents > 0) {
            plans.add(new Workload.Plan("stress", "CONCURRENCY.stress", stressThreads, stressEvents));
        }
        for (Workload.Plan plan : plans) {
            if (plan.events() > MAX_EVENTS_PER_PHASE) {
                throw new ParameterException(spec.commandLine(), "the " + plan.phase() + " phase would log "
                        + plan.events() + " events; at most " + MAX_EVENTS_PER_PHASE + " per phase");
            }
        }
        return plans;
    }

    private int checked(String option, int value, int min) {
        int max = option.endsWith("threads") ? MAX_THREADS : Integer.MAX_VALUE;
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), "bad value " + value + " for " + option
                    + ": expected " + min + " to " + max);
        }
        return value;
    }

    private static String describe(List<Workload.Plan> plans) {
        List<String> parts = new ArrayList<>();
        plans.forEach(p -> parts.add(p.phase() + " " + p.threads() + " threads x " + p.eventsPerThread() + " events"));
        return String.join(", then ", parts);
    }

    static SpoolConfig config(Path file) {
        return SpoolConfig.builder()
                .name("demo")
                .service("spool-demo")
                .destination("threaded", "file", Map.of("path", file.toString(), "format", "text"))
                .route("concurrency", "CONCURRENCY", Level.DEBUG, "threaded")
                .build();
    }

    private int verdict(Path file, String runId, List<Workload.Plan> plans, PipelineStats stats) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long expected = plans.stream().mapToLong(Workload.Plan::events).sum();
        boolean ok = true;
        if (stats.droppedTotal() > 0 || stats.destinationFailed() > 0 || stats.written() != expected) {
            err.println("spool demo: events lost: " + expected + " logged, " + stats.written() + " written, dropped "
                    + stats.dropped() + ", " + stats.destinationFailed() + " refused by destinations");
            ok = false;
        }
        LogFileCheck check = new LogFileCheck(runId);
        plans.forEach(p -> check.expect(p.phase(), p.threads(), p.eventsPerThread()));
        LogFileCheck.Result result = check.verify(file);
        if (result.ok()) {
            spec.commandLine().getOut().println(result.describe());
        } else {
            err.println("spool demo: " + file + ": " + result.describe());
            ok = false;
        }
        spec.commandLine().getOut().flush();
        err.flush();
        return ok ? SpoolCommand.OK : SpoolCommand.FAILED;
    }
}
