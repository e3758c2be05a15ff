package dev.spool.bench.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the service suites for {@code bench}: each run of each suite in a fresh JVM (the same heap flags as
 * the other benchmark JVMs, the benchmark classes and {@code bench-lib/services}) that makes the suite's
 * uncounted warm-up passes and then the measured one ({@link ServiceMain}), repeated, suites
 * interleaved within a round. Writes {@code services.md} into the output directory and returns every
 * measurement.
 */
public final class ServiceRunner {

    private final Path classesDir;
    private final Path libDir;
    private final List<String> jvmFlags;
    private final Duration timeout;
    private final Path outDir;
    private final PrintStream progress;

    public ServiceRunner(Path classesDir, Path libDir, List<String> jvmFlags, Duration timeout, Path outDir,
                         PrintStream progress) {
        this.classesDir = classesDir;
        this.libDir = libDir;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.timeout = timeout;
        this.outDir = outDir;
        this.progress = progress;
    }

    /** Runs {@code suites} {@code repeats} times each at {@code mode}'s sizes. */
    public List<Measurement> run(List<Suites> suites, String mode, int repeats) throws IOException, InterruptedException {
        List<Measurement> all = new ArrayList<>();
        for (Suites suite : suites) {
            if (suite.needsServices) {
                progress.println("services " + suite.id + " uses the local RabbitMQ and PostgreSQL: run it under"
                        + " flock /tmp/spool-services.lock so that no other run restarts or loads them meanwhile");
            }
        }
        for (int round = 1; round <= repeats; round++) {
            for (Suites suite : suites) {
                List<Measurement> got = runOne(suite, suite.events(mode), suite.warmupEvents(mode),
                        suite.warmupPasses(mode), round);
                for (Measurement m : got) {
                    progress.println(String.format(Locale.ROOT, "services %-10s %-28s run=%d %s  %s  [%s]", m.suite(),
                            m.subject(), round, m.pass(), m.rateOrVerdict(), m.note()));
                }
                all.addAll(got);
            }
        }
        String md = ServiceReport.markdown(all);
        Files.writeString(outDir.resolve("services.md"), md, StandardCharsets.UTF_8);
        progress.println(md);
        return all;
    }

    private List<Measurement> runOne(Suites suite, int events, int warmup, int passes, int round) throws IOException, InterruptedException {
        Path runDir = outDir.resolve("services").resolve(suite.id + "-r" + round);
        Files.createDirectories(runDir);
        Path result = runDir.resolve("result.properties");
        Files.deleteIfExists(result);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath());
        command.add(ServiceMain.class.getName());
        command.add("suite=" + suite.id);
        command.add("events=" + events);
        command.add("warmup=" + warmup);
        command.add("warmups=" + passes);
        command.add("round=" + round);
        command.add("dir=" + runDir.resolve("work"));
        command.add("result=" + result);
        Files.write(runDir.resolve("command.txt"), command, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectOutput(runDir.resolve("stdout.txt").toFile())
                .redirectError(runDir.resolve("stderr.txt").toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            return List.of(failed(suite, events, "FAILED: killed after " + timeout.toSeconds() + " s"));
        }
        if (p.exitValue() != 0 || !Files.exists(result)) {
            return List.of(failed(suite, events, "FAILED (exit " + p.exitValue() + "): " + firstLines(runDir.resolve("stderr.txt"))));
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(result)) {
            props.load(in);
        }
        return Measurement.load(props);
    }

    private static Measurement failed(Suites suite, int events, String why) {
        return new Measurement(suite.id, ServiceReport.CRASHED, events, 0, why, false, "");
    }

    private String classpath() throws IOException {
        Path services = libDir.resolve("services");
        if (!Files.isDirectory(services)) {
            throw new IOException("no jars in " + services + ": build the module first (mvn -pl spool-bench -am package)");
        }
        List<String> entries = new ArrayList<>();
        entries.add(classesDir.toString());
        try (Stream<Path> jars = Files.list(services)) {
            jars.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> entries.add(f.toString()));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String firstLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "no output";
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty()).limit(4).collect(Collectors.joining(" / "));
        }
    }
}
