package dev.spool.bench.services;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One run of one suite in a JVM of its own: {@code suite=ID events=N warmup=W round=R dir=DIR result=FILE}.
 * The suite runs twice: first every configuration with {@code W} events (the {@value Measurement#COLD} pass:
 * the JIT compiles the code as it goes, as in any fresh JVM), then every configuration with {@code N}
 * events (the {@value Measurement#WARM} pass, the figure the report publishes). Both passes are checked
 * event by event. Writes the measurements of both to FILE (a properties file, see {@link Measurement#store})
 * and exits 0, also when events were lost (a loss is a result); exits 1 when the run itself failed.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad argument '" + arg + "': expected key=value");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path dir = Path.of(a.get("dir"));
        int events = Integer.parseInt(a.get("events"));
        List<Measurement> measured = run(Suites.byId(a.get("suite")), dir, events,
                Integer.parseInt(a.getOrDefault("warmup", Integer.toString(events))),
                Integer.parseInt(a.getOrDefault("warmups", "1")), Integer.parseInt(a.getOrDefault("round", "1")));
        Properties p = new Properties();
        Measurement.store(measured, p);
        try (OutputStream out = Files.newOutputStream(Path.of(a.get("result")))) {
            p.store(out, "spool-bench service suite " + a.get("suite"));
        }
        System.exit(0); // client libraries may leave non-daemon threads behind
    }

    /**
     * Runs {@code suite} in this JVM, in {@code dir} (created): {@code passes} uncounted passes of
     * {@code warmup} events per configuration (the first is the {@value Measurement#COLD} pass, the others
     * {@value Measurement#WARMING}), then the measured pass of {@code events}; returns the measurements of
     * every pass in order, each note ending with its pass's share of the JIT compilers in the process's CPU.
     */
    public static List<Measurement> run(Suites suite, Path dir, int events, int warmup, int passes, int round)
            throws Exception {
        if (warmup < 1 || passes < 1) {
            throw new IllegalArgumentException("at least one warm-up pass of at least one event, not " + passes
                    + " of " + warmup);
        }
        Files.createDirectories(dir);
        ServiceSuite s = suite.create();
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < passes; i++) {
            String pass = i == 0 ? Measurement.COLD : Measurement.WARMING;
            out.addAll(pass(s, dir.resolve(pass + "-" + (i + 1)), warmup, round, pass));
        }
        out.addAll(pass(s, dir.resolve(Measurement.WARM), events, round, Measurement.WARM));
        return out;
    }

    private static List<Measurement> pass(ServiceSuite suite, Path dir, int events, int round, String pass)
            throws Exception {
        Files.createDirectories(dir);
        long cpu = Stored.processCpuNanos();
        long compilers = dev.spool.bench.run.ThreadCpu.compilerNanos();
        List<Measurement> got = suite.run(dir, events, round);
        cpu = Stored.processCpuNanos() - cpu;
        compilers = dev.spool.bench.run.ThreadCpu.compilerNanos() - compilers;
        String share = compilersShare(pass, compilers, cpu);
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : got) {
            out.add(m.as(pass, share));
        }
        return out;
    }

    /** {@code "cold pass: JIT compilers 812 of 2,410 ms of the process's CPU (34%)"}. */
    static String compilersShare(String pass, long compilerNanos, long processNanos) {
        return String.format(Locale.ROOT, "%s pass: JIT compilers %,d of %,d ms of the process's CPU (%.0f%%)", pass,
                compilerNanos / 1_000_000, processNanos / 1_000_000,
                100.0 * compilerNanos / Math.max(1, processNanos));
    }
}
