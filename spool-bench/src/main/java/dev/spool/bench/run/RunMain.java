package dev.spool.bench.run;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Entry point of one benchmark JVM, started by the driver with {@code key=value} arguments: opens the
 * backend, runs the throughput or latency schedule, and writes what it measured to {@code result} as a
 * properties file. Exits non-zero, with the error on stderr, if anything fails.
 */
public final class RunMain {

    private RunMain() {
    }

    public static void main(String[] args) throws Exception {
        RunArguments arguments = RunArguments.parse(args);
        LogTarget target = open(arguments);
        Shape.byId(arguments.text("shape", Shape.MAIN.id())).prepare(eventsPerProducer(arguments));
        System.gc(); // what prepare made (and start-up's garbage) is not collected inside the measured part
        Map<String, String> result = new LinkedHashMap<>();
        target.facts().forEach((k, v) -> result.put("fact." + k, v));
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        if (arguments.text("mode").equals("latency")) {
            result.putAll(new LatencyRun(target, arguments.number("threads"), arguments.number("rate"),
                    arguments.number("warmupPerThread"), arguments.number("measuredPerThread"))
                    .run(Path.of(arguments.text("distribution"))));
        } else {
            ThroughputRun run = new ThroughputRun(target, arguments.number("threads"), coldPerThread(arguments),
                    arguments.number("perThread"), Integer.parseInt(arguments.text("firstProducer", "0")));
            String go = arguments.text("go", "");
            result.putAll(go.isEmpty() ? run.run() : run.runWhen(Path.of(arguments.text("ready")), Path.of(go)));
        }
        result.put("gcCount", Long.toString(gcCount() - gcCountBefore));
        result.put("gcMillis", Long.toString(gcMillis() - gcMillisBefore));
        write(result, Path.of(arguments.text("result")));
    }

    private static LogTarget open(RunArguments arguments) {
        Shape shape = Shape.byId(arguments.text("shape", Shape.MAIN.id()));
        String family = arguments.text("family");
        if (!shape.slf4j() && !family.equals("spool")) {
            throw new IllegalArgumentException("shape " + shape.id() + " calls Spool's own API: it runs with spool only");
        }
        switch (family) {
            case "spool":
                return shape.slf4j() ? new Slf4jTarget(new SpoolPeer(), shape) : new SpoolApiTarget(new SpoolPeer());
            case "log4j2":
                return new Slf4jTarget(new Log4j2Peer(), shape);
            case "logback":
                return new Slf4jTarget(new LogbackPeer(), shape);
            case "noop":
                return new NoopTarget();
            default:
                throw new IllegalArgumentException("unknown family '" + arguments.text("family")
                        + "': expected spool, log4j2, logback or noop");
        }
    }

    private static int eventsPerProducer(RunArguments arguments) {
        return arguments.text("mode").equals("latency")
                ? arguments.number("warmupPerThread") + arguments.number("measuredPerThread")
                : coldPerThread(arguments) + arguments.number("perThread");
    }

    /** Events per producer in the throughput run's cold pass, before the measured one (0 when not given). */
    private static int coldPerThread(RunArguments arguments) {
        return Integer.parseInt(arguments.text("coldPerThread", "0"));
    }

    /** The jar a class was loaded from, or {@code absent}: shows which Disruptor a run really used. */
    static String jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, RunMain.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return "absent";
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    private static void write(Map<String, String> result, Path file) throws IOException {
        Properties properties = new Properties();
        properties.putAll(result);
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "spool-bench run result");
        }
    }
}
