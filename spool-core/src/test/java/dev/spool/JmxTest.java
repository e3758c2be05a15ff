package dev.spool;

import dev.spool.testkit.CapturingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMX;
import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;

class JmxTest {

    @AfterEach
    void shutDown() {
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
        PipelineMXBean bean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), name, PipelineMXBean.class);
        assertThat(bean.getAccepted()).isEqualTo(100);
        assertThat(bean.getWritten()).isEqualTo(100);
        assertThat(bean.getPending()).isZero();
        assertThat(bean.getQueueCapacity()).isEqualTo(64);
        assertThat(bean.getDroppedByReason()).containsEntry("queue_full", 0L);
        Spool.shutdown(Duration.ofSeconds(5));
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
    }
}
