package dev.spool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts one benchmark JVM: the driver's own {@code java}, the same heap flags for every backend, and a
 * classpath of the benchmark classes, the common jars and that backend's jars only, so exactly one SLF4J
 * provider is present. Peer configuration files are written into the run directory, where they stay.
 */
final class ChildRunner {

    /** Identical for every backend: a fixed heap, so GC sizing is not a difference between runs. */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g");

    private final Path classesDir;
    private final Path libDir;
    private final Duration timeout;

    ChildRunner(Path classesDir, Path libDir, Duration timeout) {
        this.classesDir = classesDir;
        this.libDir = libDir;
        this.timeout = timeout;
    }

    /** What every backend is given: the same file settings and queue size. */
    record Settings(Path file, int bufferBytes, int queueSlots, String pattern) {

        Map<String, String> placeholders() {
            return Map.of("FILE", file.toString(), "BUFFER_BYTES", Integer.toString(bufferBytes),
                    "QUEUE_SLOTS", Integer.toString(queueSlots), "PATTERN", pattern);
        }
    }

    /** What a child run left behind. */
    record Outcome(int exitCode, boolean timedOut, Properties result, String error) {
        boolean ok() {
            return exitCode == 0 && !timedOut && result != null;
        }

        String fact(String key) {
            return result == null ? "" : result.getProperty(key, "");
        }

        long number(String key) {
            return Long.parseLong(result.getProperty(key, "0"));
        }
    }

    /**
     * Runs {@code backend} in {@code runDir} with {@code args} (key=value, see RunMain) and waits for it,
     * killing it after the timeout.
     */
    Outcome run(Backend backend, Path runDir, Settings settings, List<String> args)
            throws IOException, InterruptedException {
        return await(start(backend, runDir, settings, args), runDir);
    }

    /** Starts {@code backend} as {@link #run} does, without waiting; finish with {@link #await}. */
    Process start(Backend backend, Path runDir, Settings settings, List<String> args) throws IOException {
        Files.createDirectories(runDir);
        Path config = writeConfig(backend, runDir, settings.placeholders());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(backend.jvmFlags(config, settings.queueSlots()));
        command.add("-cp");
        command.add(classpath(backend));
        command.add("dev.spool.bench.run.RunMain");
        command.add("family=" + backend.family);
        command.add("result=" + runDir.resolve("result.properties"));
        command.addAll(args);
        Files.write(runDir.resolve("command.txt"), command, StandardCharsets.UTF_8);
        return new ProcessBuilder(command).directory(runDir.toFile())
                .redirectOutput(runDir.resolve("stdout.txt").toFile())
                .redirectError(runDir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Waits for a started run, killing it after the timeout, and reads what it left. */
    Outcome await(Process process, Path runDir) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return new Outcome(-1, true, null, "killed after " + timeout.toSeconds() + " s");
        }
        String error = firstLines(runDir.resolve("stderr.txt"), 3);
        Path resultFile = runDir.resolve("result.properties");
        if (process.exitValue() != 0 || !Files.exists(resultFile)) {
            return new Outcome(process.exitValue(), false, null, error.isEmpty() ? "no result" : error);
        }
        Properties result = new Properties();
        try (InputStream in = Files.newInputStream(resultFile)) {
            result.load(in);
        }
        return new Outcome(0, false, result, error);
    }

    /** The first {@code count} non-blank lines of a file, joined by " / ". */
    static String firstLines(Path file, int count) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty()).limit(count).collect(Collectors.joining(" / "));
        }
    }

    private String classpath(Backend backend) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(classesDir.toString());
        entries.addAll(jars("common"));
        for (String dir : backend.libDirs) {
            entries.addAll(jars(dir));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private List<String> jars(String dir) throws IOException {
        Path d = libDir.resolve(dir);
        if (!Files.isDirectory(d)) {
            throw new IOException("no jars in " + d + ": build the module first (mvn -pl spool-bench -am package)");
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
        }
    }

    /** Copies the backend's configuration template into the run directory with the run's values. */
    private static Path writeConfig(Backend backend, Path runDir, Map<String, String> settings) throws IOException {
        Path config = runDir.resolve(backend.configTemplate == null ? "no-config" : backend.configTemplate);
        if (backend.configTemplate == null) {
            return config;
        }
        String text;
        try (InputStream in = ChildRunner.class.getResourceAsStream("peers/" + backend.configTemplate)) {
            if (in == null) {
                throw new IOException("missing resource peers/" + backend.configTemplate);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean xml = backend.configTemplate.endsWith(".xml");
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String value = xml ? xmlEscaped(e.getValue()) : propertiesEscaped(e.getValue());
            text = text.replace("@" + e.getKey() + "@", value);
        }
        Files.writeString(config, text, StandardCharsets.UTF_8);
        return config;
    }

    private static String propertiesEscaped(String s) {
        return s.replace("\\", "\\\\");
    }

    private static String xmlEscaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
