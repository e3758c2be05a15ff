package dev.spool.jdk;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.security.Security;
import java.time.Duration;
import java.util.Map;

/**
 * A child JVM for {@link JdkPlatformLoggingIT}: Spool at TRACE to the console, then the JDK's own code
 * logs through {@code System.Logger} ({@code Security.setProperty} logs to {@code jdk.event.security} at
 * DEBUG when that logger is enabled; the JDK decides so once, at its first security event).
 */
public final class JdkLoggingApp {

    private JdkLoggingApp() {
    }

    public static void main(String[] args) {
        Spool.configure(SpoolConfig.builder().name("jdk-app").jmx(false)
                .destination("out", "console", Map.of())
                .route("root", "", Level.TRACE, "out").build());
        Security.setProperty("spool.test.property", "v1");
        System.getLogger("app.direct").log(System.Logger.Level.INFO, "direct {0}", 42);
        Spool.flush(Duration.ofSeconds(10));
        System.out.println("done");
    }
}
