package dev.spool.jdk;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDK's own code, logging through {@code System.Logger}, reaches Spool in a fresh JVM. */
class JdkPlatformLoggingIT {

    @Test
    void aJdkComponentLogsThroughSpool() throws Exception {
        ChildJvm child = ChildJvm.builder(JdkLoggingApp.class).run(Duration.ofSeconds(60));
        assertThat(child.exitValue()).as(child.output()).isZero();
        assertThat(child.lineStartingWith("done")).as(child.output()).isNotNull();
        String security = child.output().lines().filter(l -> l.contains("jdk.event.security")).findFirst().orElse(null);
        assertThat(security).as(child.output()).isNotNull()
                .contains("DEBUG").contains("SecurityPropertyModification: key:spool.test.property, value:v1");
        assertThat(child.output()).contains("direct 42");
    }
}
