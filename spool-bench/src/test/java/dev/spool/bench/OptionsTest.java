package dev.spool.bench;

import dev.spool.bench.run.Shape;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void narrowsTheModeWithOptions() {
        Options o = Options.parse(new String[] {"full", "--only", "e2e", "--backends", "spool,log4j2-async",
            "--threads", "1,4", "--events", "4000", "--repeats", "2", "--keep-logs"});

        assertThat(o.plan().mode()).isEqualTo("full");
        assertThat(o.plan().sections()).containsExactly("e2e");
        assertThat(o.plan().backends()).containsExactly(Backend.SPOOL, Backend.LOG4J2_ASYNC);
        assertThat(o.plan().threadCounts()).containsExactly(1, 4);
        assertThat(o.plan().events()).isEqualTo(4000);
        assertThat(o.plan().repeats()).isEqualTo(2);
        assertThat(o.keepLogs()).isTrue();
    }

    @Test
    void narrowsShapesTheirThreadsAndLoadsWithSaturation() {
        Options o = Options.parse(new String[] {"full", "--shape-threads", "2", "--shapes", "kv,spool-api",
            "--threads", "1,4,16", "--loads", "50000,saturation"});

        assertThat(o.plan().shapes()).containsExactly(Shape.KV, Shape.SPOOL_API);
        assertThat(o.plan().threadCounts()).containsExactly(1, 4, 16);
        assertThat(o.plan().shapeThreads()).containsExactly(2);
        assertThat(o.plan().loads()).containsExactly(50_000, Plan.SATURATION);
        assertThatThrownBy(() -> Options.parse(new String[] {"--shapes", "args9"}))
                .hasMessageContaining("unknown shape 'args9'");
    }

    @Test
    void aLeadingSuiteNameRunsOnlyThatSuiteAndServicesMeansEverySuite() {
        Options otlp = Options.parse(new String[] {"otlp", "full", "--repeats", "3"});
        assertThat(otlp.plan().mode()).isEqualTo("full");
        assertThat(otlp.plan().sections()).containsExactly("otlp");
        assertThat(otlp.plan().repeats()).isEqualTo(3);

        assertThat(Options.parse(new String[] {"services"}).plan().sections())
                .containsExactly("otlp", "files", "sqlite", "collector", "amqp", "rabbit-pg");
        assertThat(Options.parse(new String[] {"smoke", "--only", "e2e,services,otlp"}).plan().sections())
                .containsExactly("e2e", "otlp", "files", "sqlite", "collector", "amqp", "rabbit-pg");
    }

    @Test
    void givesEveryAsyncBackendTheSameQueueSizeUnlessToldAnother() {
        java.nio.file.Path file = java.nio.file.Path.of("events.log");
        Plan standard = Options.parse(new String[] {"full"}).plan();
        Plan smaller = Options.parse(new String[] {"full", "--queue-slots", "4096"}).plan();

        assertThat(standard.queueSlots()).isEqualTo(16_384);
        assertThat(Bench.settings(file, standard).queueSlots()).isEqualTo(16_384);
        assertThat(Bench.settings(file, smaller, Shape.KV, Backend.LOGBACK_ASYNC).queueSlots()).isEqualTo(4096);
        assertThatThrownBy(() -> Options.parse(new String[] {"--queue-slots", "10000"}))
                .hasMessageContaining("bad queue size 10000: a power of two");
        assertThatThrownBy(() -> Options.parse(new String[] {"--queue-slots", "8"}))
                .hasMessageContaining("bad queue size 8");
    }

    @Test
    void defaultsToQuickMode() {
        assertThat(Options.parse(new String[0]).plan().mode()).isEqualTo("quick");
    }

    @Test
    void rejectsUnknownOptionsSectionsAndBackends() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--fast"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--fast", "1"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Options.parse(new String[] {"--only", "e2e,stress"}))
                .hasMessageContaining("unknown 'stress'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--backends", "log4j1"}))
                .hasMessageContaining("unknown backend 'log4j1'");
    }

    @Test
    void givesEveryLog4j2AsyncVariantTheSelectorAndTheSameRingSize() {
        List<String> flags = Backend.LOG4J2_ASYNC_D4.jvmFlags(java.nio.file.Path.of("c.xml"), 65_536);

        assertThat(flags).contains("-Dlog4j2.asyncLoggerRingBufferSize=65536")
                .anyMatch(f -> f.endsWith("AsyncLoggerContextSelector"));
        assertThat(Backend.LOG4J2_SYNC.jvmFlags(java.nio.file.Path.of("c.xml"), 65_536))
                .noneMatch(f -> f.contains("contextSelector"));
    }
}
