package dev.spool.collector;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.forward.CollectorAddress;

import java.nio.file.Path;
import java.util.Map;

/**
 * A collector in a process of its own, for tests that kill it: listens on {@code args[0]}, writes JSON
 * Lines to {@code args[1]} and seeds its de-duplication window from that file, prints {@code ready} and
 * runs until killed.
 */
public final class CollectorProcess {

    private CollectorProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        SpoolConfig pipeline = SpoolConfig.builder().name("collector").jmx(false)
                .destination("out", "file", Map.of("path", out.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        Collector collector = Collector.start(CollectorConfig.builder(pipeline).listen(args[0])
                .dedupSeedFile(out).build());
        System.out.println("ready " + collector.address());
        System.out.flush();
        Thread.currentThread().join(); // runs until the test kills the process
    }

    /** Starts the process and waits until it listens. */
    public static Process start(CollectorAddress address, Path out, Path log) throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaCommand, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CollectorProcess.class.getName(), address.toString(), out.toString())
                .redirectErrorStream(true).start();
        java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("ready")) {
            java.nio.file.Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        if (line == null) {
            throw new IllegalStateException("collector process ended before it was ready; see " + log);
        }
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "collector-output");
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}
