package dev.spool.bench.services;

import dev.spool.Level;
import dev.spool.PipelineStats;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON Lines into a {@code file} destination, and the same into a {@code rolling} destination that rotates
 * at 64 MB and gzips every rotated file: one producer thread each, time from release until
 * {@code Spool.shutdown} returned (file written and closed; for rolling, every rotated file compressed).
 * Then every file, the {@code .gz} ones decompressed, is read back and each event looked for.
 */
final class FilesSuite implements ServiceSuite {

    static final String ID = "files";
    static final String PLAIN = "file-json";
    static final String ROLLING = "rolling-gzip-json";
    /** Small enough that a full run rotates several times. */
    static final String ROTATE_AT = "64MB";

    @Override
    public List<Measurement> run(Path dir, int events, int round) throws Exception {
        List<String> order = round % 2 == 0 ? List.of(ROLLING, PLAIN) : List.of(PLAIN, ROLLING);
        List<Measurement> out = new ArrayList<>();
        for (String subject : order) {
            out.add(one(subject, dir.resolve(subject), events));
        }
        return out;
    }

    private static Measurement one(String subject, Path dir, int events) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> options = subject.equals(PLAIN)
                ? Map.of("path", dir.resolve("events.log").toString(), "format", "json")
                : Map.of("path", dir.resolve("events.log").toString(), "format", "json", "maxSize", ROTATE_AT,
                        "compress", "gzip", "maxBackups", "100000");
        Spool.configure(SpoolConfig.builder().name("bench-" + subject).jmx(false).shutdownHook(false)
                .destination("out", subject.equals(PLAIN) ? "file" : "rolling", options)
                .route("root", Producers.LOGGERS, Level.INFO, "out").build());
        long cpu = Stored.processCpuNanos();
        ThreadCpu threads = ThreadCpu.start();
        Producers.Logged logged = Producers.log(1, 0, events);
        String split = threads.perEvent(events, logged); // before shutdown ends the writer thread
        PipelineStats stats = Spool.shutdown(Duration.ofMinutes(10));
        long nanos = System.nanoTime() - logged.releaseNanos();
        cpu = Stored.processCpuNanos() - cpu;
        Arrivals arrivals = new Arrivals(0, 1, events);
        List<Path> files = Stored.files(dir, "events");
        for (Path f : files) {
            Stored.scanLines(f, arrivals);
        }
        Stored.deleteTree(dir);
        return new Measurement(ID, subject, events, nanos, arrivals.verdict().label(), arrivals.verdict().ok(),
                Stored.cpuPerEvent(cpu, events) + "; " + split + "; " + files.size() + " file(s); written " + stats.written()
                        + ", dropped " + stats.droppedTotal());
    }
}
