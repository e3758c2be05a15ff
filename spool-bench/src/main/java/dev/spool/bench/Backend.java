package dev.spool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A logging backend as the driver knows it: its jars (directories under {@code bench-lib}), the system
 * properties and configuration file it runs with, and which benchmarks it takes part in.
 */
enum Backend {

    SPOOL("spool", "spool", List.of("spool"), "spool.properties", true),
    LOG4J2_ASYNC("log4j2-async", "log4j2", List.of("log4j2", "disruptor3"), "log4j2.xml", true),
    LOG4J2_ASYNC_D4("log4j2-async-d4", "log4j2", List.of("log4j2", "disruptor4"), "log4j2.xml", false),
    LOGBACK_ASYNC("logback-async", "logback", List.of("logback"), "logback-async.xml", true),
    LOG4J2_SYNC("log4j2-sync", "log4j2", List.of("log4j2"), "log4j2.xml", true),
    LOGBACK_SYNC("logback-sync", "logback", List.of("logback"), "logback-sync.xml", true),
    SPOOL_MULTI_PROCESS("spool-mp", "spool", List.of("spool"), "spool-mp.properties", false),
    LOGBACK_PRUDENT("logback-prudent", "logback", List.of("logback"), "logback-prudent.xml", false),
    NOOP("noop", "noop", List.of(), null, true);

    final String id;
    final String family;
    final List<String> libDirs;
    final String configTemplate;
    final boolean inLatency;

    Backend(String id, String family, List<String> libDirs, String configTemplate, boolean inLatency) {
        this.id = id;
        this.family = family;
        this.libDirs = libDirs;
        this.configTemplate = configTemplate;
        this.inLatency = inLatency;
    }

    /**
     * The JVM flags that select this backend's configuration: the configuration file written for the run
     * and, for Log4j 2 all-async, the context selector and a ring buffer of {@code queueSlots}.
     */
    List<String> jvmFlags(Path config, int queueSlots) {
        switch (this) {
            case LOG4J2_ASYNC:
            case LOG4J2_ASYNC_D4:
                return List.of("-Dlog4j2.configurationFile=" + config,
                        "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector",
                        "-Dlog4j2.asyncLoggerRingBufferSize=" + queueSlots);
            case LOG4J2_SYNC:
                return List.of("-Dlog4j2.configurationFile=" + config);
            case SPOOL:
            case SPOOL_MULTI_PROCESS:
                return List.of("-Dspool.config=" + config);
            case LOGBACK_ASYNC:
            case LOGBACK_SYNC:
            case LOGBACK_PRUDENT:
                return List.of("-Dlogback.configurationFile=" + config);
            default:
                return List.of();
        }
    }

    /** The backends of the end-to-end benchmark, in report order. */
    static List<Backend> endToEnd() {
        return List.of(SPOOL, LOG4J2_ASYNC, LOG4J2_ASYNC_D4, LOGBACK_ASYNC, LOG4J2_SYNC, LOGBACK_SYNC);
    }

    /**
     * The backends of the many-processes benchmark: Spool with one process on a plain file (the
     * baseline), Spool's multi-process rolling file, and Logback's prudent mode (which cannot roll by size).
     */
    static List<Backend> multiProcess() {
        return List.of(SPOOL, SPOOL_MULTI_PROCESS, LOGBACK_PRUDENT);
    }

    /** The backends of the latency benchmark: the harness floor, Spool, and the four peer configurations. */
    static List<Backend> latency() {
        return List.of(NOOP, SPOOL, LOG4J2_ASYNC, LOGBACK_ASYNC, LOG4J2_SYNC, LOGBACK_SYNC);
    }

    static Backend byId(String id) {
        for (Backend b : values()) {
            if (b.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + id + "': expected one of "
                + Stream.of(values()).map(b -> b.id).toList());
    }

    /** A description with the versions of the jars it really runs, read from {@code libDir}. */
    String label(Path libDir) {
        switch (this) {
            case SPOOL: return "Spool " + version(libDir, "spool", "spool-core") + " async (block), SLF4J";
            case LOG4J2_ASYNC:
            case LOG4J2_ASYNC_D4:
                return log4j2(libDir) + " all-async, Disruptor " + version(libDir, libDirs.get(1), "disruptor");
            case LOGBACK_ASYNC: return logback(libDir) + " AsyncAppender";
            case LOG4J2_SYNC: return log4j2(libDir) + " sync FileAppender";
            case LOGBACK_SYNC: return logback(libDir) + " sync FileAppender";
            default: return "no logging (harness floor)";
        }
    }

    private static String log4j2(Path libDir) {
        return "Log4j " + version(libDir, "log4j2", "log4j-core");
    }

    private static String logback(Path libDir) {
        return "Logback " + version(libDir, "logback", "logback-classic");
    }

    /** The version in a jar's file name ({@code log4j-core-2.26.1.jar}), or {@code ?}. */
    static String version(Path libDir, String dir, String artifact) {
        try (Stream<Path> jars = Files.list(libDir.resolve(dir))) {
            Optional<String> name = jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(artifact + "-") && n.endsWith(".jar"))
                    .filter(n -> Character.isDigit(n.charAt(artifact.length() + 1)))
                    .findFirst();
            return name.map(n -> n.substring(artifact.length() + 1, n.length() - 4)).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
