package dev.spool.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a child run reported about itself: whether the backend really ran as configured (the
 * intended SLF4J provider, the all-async context, the intended Disruptor jar), and the notes for the report.
 */
final class RunFacts {

    private RunFacts() {
    }

    /** Why the run did not measure what it claims to, or null when it did. */
    static String misconfiguration(Backend backend, ChildRunner.Outcome outcome, Path libDir) {
        String provider = outcome.fact("fact.provider");
        String context = outcome.fact("fact.context");
        switch (backend.family) {
            case "log4j2": {
                boolean async = backend != Backend.LOG4J2_SYNC;
                if (!provider.startsWith("org.apache.logging.slf4j")) {
                    return "SLF4J provider is " + provider;
                }
                if (async != context.contains("AsyncLoggerContext")) {
                    return "Log4j 2 context is " + context;
                }
                return async ? disruptor(backend, outcome, libDir) : null;
            }
            case "logback":
                return provider.startsWith("ch.qos.logback") ? null : "SLF4J provider is " + provider;
            case "spool":
                boolean ownApi = outcome.fact("fact.api").equals("dev.spool.Logger");
                return ownApi || provider.startsWith("dev.spool.slf4j") ? null : "SLF4J provider is " + provider;
            default:
                return null;
        }
    }

    private static String disruptor(Backend backend, ChildRunner.Outcome outcome, Path libDir) {
        String expected = "disruptor-" + Backend.version(libDir, backend.libDirs.get(1), "disruptor") + ".jar";
        String actual = outcome.fact("fact.disruptor");
        return actual.equals(expected) ? null : "Disruptor jar is " + actual + ", expected " + expected;
    }

    /**
     * GC activity, the JIT compilers' CPU (a fresh JVM per run: a quarter to a third of a short run's CPU,
     * docs/ARCHITECTURE.md), the time the hypervisor took the machine's CPUs away during the run (steal),
     * Spool's own counters, the Disruptor jar and any stderr output, for the notes
     * column.
     */
    static String notes(ChildRunner.Outcome outcome) {
        List<String> notes = new ArrayList<>();
        notes.add("gc " + outcome.fact("gcCount") + " (" + outcome.fact("gcMillis") + " ms)");
        if (!outcome.fact("cpu.jitNanos").isEmpty()) {
            notes.add("compilers' CPU " + outcome.number("cpu.jitNanos") / 1_000_000 + " ms");
        }
        if (!outcome.fact("cpu.hostStealNanos").isEmpty()) {
            notes.add("host steal " + outcome.number("cpu.hostStealNanos") / 1_000_000 + " ms");
        }
        if (!outcome.fact("stop.written").isEmpty()) {
            notes.add("spool written " + outcome.fact("stop.written") + ", dropped " + outcome.fact("stop.dropped"));
        }
        if (outcome.fact("fact.disruptor").startsWith("disruptor")) {
            notes.add(outcome.fact("fact.disruptor"));
        }
        if (!outcome.error().isEmpty()) {
            notes.add("stderr: " + outcome.error());
        }
        return String.join("; ", notes);
    }
}
