package dev.spool;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MXBean's operations as an operator's tool calls them: from another JVM through a JMX connector,
 * on a child JVM that logs when told to.
 */
class JmxRemoteIT {

    private static final Duration AT_MOST = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path writeConfig(String output) throws IOException {
        return Files.writeString(dir.resolve("spool.properties"), "name = remote\n"
                + "destination.out.type = file\n"
                + "destination.out.path = " + dir.resolve(output).toString().replace("\\", "/") + "\n"
                + "destination.out.pattern = %p %m%n\n"
                + "route.root.level = INFO\n"
                + "route.root.destinations = out\n", StandardCharsets.UTF_8);
    }

    private static void logInChild(ChildJvm child, String tag) throws InterruptedException {
        child.send("log " + tag);
        child.awaitLine("logged " + tag, AT_MOST);
    }

    @Test
    void levelsAndReloadWorkThroughARemoteConnector() throws Exception {
        Path config = writeConfig("one.log");
        try (ChildJvm child = ChildJvm.builder(JmxRemoteIT.class).args(config.toString())
                .property("java.rmi.server.hostname", "127.0.0.1").jvmOptions("-Xmx128m").start()) {
            String address = child.awaitLineStartingWith("jmx ", AT_MOST).substring(4);
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                PipelineMXBean bean = JMX.newMXBeanProxy(server, JmxTest.objectName("remote"), PipelineMXBean.class);

                logInChild(child, "a");
                bean.setLevel("app", "debug");
                logInChild(child, "b");
                assertThat(bean.listLevels()).containsEntry("app", "DEBUG (set at runtime)").containsEntry("", "INFO");
                assertThatThrownBy(() -> bean.setLevel("app", "LOUD")).hasStackTraceContaining("unknown level 'LOUD'");

                writeConfig("two.log");
                assertThat(bean.reload()).contains("reloaded");
                logInChild(child, "c");
                assertThat(bean.getWritten()).isEqualTo(2);
            }
            child.send("exit");
            assertThat(child.awaitExit(AT_MOST)).as(child.output()).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("one.log")))
                .containsExactly("INFO info a", "DEBUG debug b", "INFO info b");
        assertThat(Files.readAllLines(dir.resolve("two.log"))).containsExactly("DEBUG debug c", "INFO info c");
    }

    @Test
    void aFileBrokenAtStartCanBeReloadedOnceFixed() throws Exception {
        Path config = Files.writeString(dir.resolve("spool.properties"), "route.root.level = LOUD\n");
        try (ChildJvm child = ChildJvm.builder(BrokenAtStart.class).property("spool.config", config.toString())
                .jvmOptions("-Xmx128m").start()) {
            child.awaitLine("started", AT_MOST);
            assertThat(child.output()).contains("spool: configuration error").contains("'LOUD'")
                    .contains("on the console");
            child.send("reload");
            assertThat(child.awaitLineStartingWith("refused", AT_MOST)).contains("'LOUD'");
            writeConfig("fixed.log");
            child.send("reload");
            assertThat(child.awaitLineStartingWith("reloaded", AT_MOST)).contains(config.getFileName().toString());
            child.send("exit");
            assertThat(child.awaitExit(AT_MOST)).as(child.output()).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("fixed.log"))).containsExactly("INFO after reload");
    }

    /**
     * A child started with a broken {@code -Dspool.config}: logs once (Spool falls back to the console),
     * then for each line {@code reload} calls the MXBean's reload and prints the outcome.
     */
    public static final class BrokenAtStart {
        public static void main(String[] args) throws Exception {
            Spool.logger("app").info("on the console");
            Spool.flush();
            System.out.println("started");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                try {
                    Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                            JmxTest.objectName("default"), "reload", new Object[0], new String[0]);
                    Spool.logger("app").info("after reload");
                    Spool.flush();
                    System.out.println(result);
                } catch (javax.management.JMException | RuntimeException e) {
                    Throwable cause = e;
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    System.out.println("refused: " + cause.getMessage());
                }
            }
            Spool.shutdown();
        }
    }

    /**
     * The child: configures Spool from the file in {@code args[0]}, opens a JMX connector on the loopback
     * address and prints it, then for each line {@code log TAG} logs one DEBUG and one INFO event.
     */
    public static void main(String[] args) throws Exception {
        Spool.configure(Path.of(args[0]));
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, ManagementFactory.getPlatformMBeanServer());
        server.start();
        System.out.println("jmx " + server.getAddress());
        Logger log = Spool.logger("app.child");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            List<String> words = List.of(line.split(" "));
            log.debug("debug {}", words.get(1));
            log.info("info {}", words.get(1));
            Spool.flush();
            System.out.println("logged " + words.get(1));
        }
        server.stop();
        Spool.shutdown();
    }
}
