package dev.spool;

import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up in a fresh JVM (Spool's state is per process): a destination that logs while it opens,
 * before any pipeline exists, must not start a second pipeline.
 */
class StartReentryIT {

    /** The child process: configure once with a destination that logs from its factory. */
    public static void main(String[] args) {
        CapturingSink sink = new CapturingSink();
        Spool.configure(SpoolConfig.builder().name("reentry").shutdownHook(false).queueCapacity(64)
                .destination("capture", context -> {
                    Spool.logger("during.start").info("opening"); // e.g. a JDBC driver logging through SLF4J
                    return sink;
                })
                .route("root", "", Level.INFO, "capture").build());
        Spool.logger("during.start").info("after start");
        Spool.flush(Duration.ofSeconds(5));
        long writers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("spool-writer") && t.isAlive()).count();
        System.out.println("writers=" + writers);
        System.out.println("messages=" + sink.events().stream().map(CapturingSink.Captured::message).toList());
    }

    @Test
    void aDestinationThatLogsWhileItOpensDoesNotStartASecondPipeline() throws Exception {
        ChildJvm child = ChildJvm.builder(StartReentryIT.class).run(Duration.ofSeconds(60));
        String out = child.output();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("writers=1").contains("messages=[after start]");
        assertThat(out).as("no default console pipeline was started to take the early event")
                .doesNotContain("opening").doesNotContain("spool: ");
    }
}
