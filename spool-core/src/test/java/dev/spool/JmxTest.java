package dev.spool;

import dev.spool.testkit.CapturingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmxTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @AfterEach
    void shutDown() {
        Spool.setLevel("app", null);
        Spool.setLevel("app.db", null);
        Spool.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void statsArePublishedAsAnMXBeanAndUnregisteredAtShutdown() throws Exception {
        CapturingSink sink = new CapturingSink();
        Spool.configure(PipelineTest.config(sink, 64, OverflowPolicy.BLOCK).name("jmx-test").jmx(true).build());
        for (int i = 0; i < 100; i++) {
            Spool.logger("jmx").info("t0 {}", i);
        }
        Spool.flush(Duration.ofSeconds(5));
        ObjectName name = new ObjectName("dev.spool:type=Pipeline,name=\"jmx-test\"");
        PipelineMXBean bean = JMX.newMXBeanProxy(SERVER, name, PipelineMXBean.class);
        assertThat(bean.getAccepted()).isEqualTo(100);
        assertThat(bean.getWritten()).isEqualTo(100);
        assertThat(bean.getPending()).isZero();
        assertThat(bean.getQueueCapacity()).isEqualTo(64);
        assertThat(bean.getDroppedByReason()).containsEntry("queue_full", 0L);
        Spool.shutdown(Duration.ofSeconds(5));
        assertThat(SERVER.isRegistered(name)).isFalse();
    }

    /** The operations, called as a JMX client does: through the MBean server by name, never on Spool. */
    @Nested
    class Levels {

        private final CapturingSink sink = new CapturingSink();
        private final ObjectName name = objectName("jmx-levels");

        private void start() {
            Spool.configure(SpoolConfig.builder().name("jmx-levels").shutdownHook(false).jmx(true)
                    .destination("capture", sink.factory())
                    .route(new RouteConfig("root", "", Level.INFO,
                            List.of(new RouteConfig.Target("capture", Level.TRACE)), true, null))
                    .build());
        }

        private List<String> messages() {
            Spool.flush(Duration.ofSeconds(5));
            return sink.events().stream().map(CapturingSink.Captured::message).toList();
        }

        @Test
        void aLevelSetThroughJmxTakesEffectOnTheNextCall() throws Exception {
            start();
            Logger db = Spool.logger("app.db.pool");
            db.debug("before");
            SERVER.invoke(name, "setLevel", new Object[] {"app.db", "debug"},
                    new String[] {String.class.getName(), String.class.getName()});
            db.debug("after");
            Spool.logger("app.web").debug("elsewhere");
            assertThat(messages()).containsExactly("after");

            SERVER.invoke(name, "clearLevel", new Object[] {"app.db"}, new String[] {String.class.getName()});
            db.debug("cleared");
            assertThat(messages()).containsExactly("after");
        }

        @Test
        void listsConfiguredLevelsAndMarksTheOnesSetAtRuntime() throws Exception {
            start();
            PipelineMXBean bean = JMX.newMXBeanProxy(SERVER, name, PipelineMXBean.class);
            bean.setLevel("app.db", "WARN");
            assertThat(bean.listLevels()).containsExactly(
                    Map.entry("", "INFO"), Map.entry("app.db", "WARN (set at runtime)"));
            assertThat(Spool.levels()).containsExactly(Map.entry("", Level.INFO), Map.entry("app.db", Level.WARN));
            bean.setLevel("", "error");
            assertThat(bean.listLevels()).containsEntry("", "ERROR (set at runtime)");
            bean.clearLevel("");
            assertThat(bean.listLevels()).containsEntry("", "INFO");
        }

        @Test
        void anUnknownLevelIsRefusedNamingTheAcceptedOnesAndChangesNothing() {
            start();
            Logger db = Spool.logger("app.db");
            assertThatThrownBy(() -> SERVER.invoke(name, "setLevel", new Object[] {"app.db", "LOUD"},
                    new String[] {String.class.getName(), String.class.getName()}))
                    .rootCause().isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'LOUD'").hasMessageContaining("TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
            assertThatThrownBy(() -> SERVER.invoke(name, "setLevel", new Object[] {"x".repeat(1_025), "DEBUG"},
                    new String[] {String.class.getName(), String.class.getName()}))
                    .rootCause().hasMessageContaining("1025 characters: expected at most 1024");
            db.debug("still off");
            db.info("on");
            assertThat(messages()).containsExactly("on");
            assertThat(Spool.levels()).containsOnlyKeys("");
        }

        @Test
        void reloadIsRefusedWhenTheConfigurationCameFromCode() {
            start();
            Spool.logger("app").info("before");
            assertThatThrownBy(() -> SERVER.invoke(name, "reload", new Object[0], new String[0]))
                    .rootCause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not read from a file");
            Spool.logger("app").info("after");
            assertThat(messages()).containsExactly("before", "after");
        }
    }

    static ObjectName objectName(String pipeline) {
        try {
            return new ObjectName("dev.spool:type=Pipeline,name=\"" + pipeline + "\"");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
