package dev.spool;

import dev.spool.testkit.CapturingSink;
import dev.spool.testkit.CapturingSink.Captured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Builders are reused per thread, so a second builder started on the same thread while the first is still
 * being built (a field value or argument computed by code that logs) must not take over the first.
 */
class EventBuilderNestingTest {

    private final CapturingSink sink = new CapturingSink();
    private Logger log;

    @BeforeEach
    void configure() {
        Spool.configure(SpoolConfig.builder().name("builder-nesting").shutdownHook(false).jmx(false)
                .destination("capture", sink.factory()).route("root", "", Level.INFO, "capture").build());
        log = Spool.logger("app.nesting");
    }

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private long computedWhileLogging() {
        log.atInfo().kv("inner", true).arg("b").log("inner {}");
        return 7;
    }

    @Test
    void aBuilderStartedWhileAnotherIsBeingBuiltLeavesTheOuterOneWhole() {
        log.atWarn().kv("before", 1).arg("a").kv("value", computedWhileLogging()).kv("after", 2).log("outer {}");
        assertThat(Spool.flush(Duration.ofSeconds(5))).isTrue();

        List<Captured> events = sink.events();
        assertThat(events).extracting(Captured::message).containsExactly("inner b", "outer a");
        assertThat(events.get(0).fields()).containsOnly(entry("inner", true));
        assertThat(events.get(1).level()).isEqualTo(Level.WARN);
        assertThat(events.get(1).fields()).containsOnly(entry("before", 1L), entry("value", 7L), entry("after", 2L));
    }

    @Test
    void theThreadsBuilderIsReusedOnceTheNestedOneIsDone() {
        log.atInfo().kv("value", computedWhileLogging()).log("first");
        log.atInfo().kv("k", "v").log("second");
        assertThat(Spool.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(sink.events()).extracting(Captured::message).containsExactly("inner b", "first", "second");
        assertThat(sink.events().get(2).fields()).containsOnly(entry("k", "v"));
    }
}
