package dev.spool.collector;

import dev.spool.Level;
import dev.spool.SpoolConfig;
import dev.spool.forward.CollectorAddress;
import dev.spool.testkit.jvm.ChildJvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A collector in a process of its own, for tests that kill it: listens on {@code args[0]}, writes JSON
 * Lines to {@code args[1]} and seeds its de-duplication window from that file, adopts the workers' spill
 * directory {@code args[2]} if given, wants the token {@code $COLLECTOR_TOKEN} if set, prints {@code ready}
 * and runs until killed.
 */
public final class CollectorProcess {

    private CollectorProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        SpoolConfig pipeline = SpoolConfig.builder().name("collector").jmx(false)
                .destination("out", "file", Map.of("path", out.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "out").build();
        CollectorConfig.Builder config = CollectorConfig.builder(pipeline).listen(args[0]).dedupSeedFile(out);
        if (args.length > 2) {
            config.spillDir(Path.of(args[2]));
        }
        if (System.getenv("COLLECTOR_TOKEN") != null) {
            config.token(System.getenv("COLLECTOR_TOKEN"));
        }
        Collector collector = Collector.start(config.build());
        System.out.println("ready " + collector.address());
        System.out.flush();
        Thread.currentThread().join(); // runs until the test kills the process
    }

    /** As {@link #start(CollectorAddress, Path, Path)}, adopting what ended workers left in {@code spillDir}. */
    public static ChildJvm start(CollectorAddress address, Path out, Path log, Path spillDir) throws Exception {
        return ChildJvm.builder(CollectorProcess.class).name("collector").jvmOptions("-Xmx256m")
                .args(address.toString(), out.toString(), spillDir.toString()).outputFile(log)
                .startAwaiting("ready", Duration.ofSeconds(60));
    }

    /** Starts the process and waits until it listens; its output goes to {@code log}. */
    public static ChildJvm start(CollectorAddress address, Path out, Path log) throws Exception {
        return ChildJvm.builder(CollectorProcess.class).name("collector").jvmOptions("-Xmx256m")
                .args(address.toString(), out.toString()).outputFile(log).startAwaiting("ready", Duration.ofSeconds(60));
    }
}
