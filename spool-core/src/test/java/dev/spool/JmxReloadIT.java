package dev.spool;

import dev.spool.spi.support.Diagnostics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.management.JMX;
import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reloading the configuration file through the pipeline MXBean, with real files and real threads. */
class JmxReloadIT {

    private static final int THREADS = 4;
    private static final int EVENTS = 20_000;
    private static final int RELOADS = 6;

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    /** A configuration writing messages alone, one per line, to {@code out-N.log}. */
    private Path writeConfig(int n, String extra) throws IOException {
        Path file = dir.resolve("spool.properties");
        Files.writeString(file, "name = reload-it\n"
                + "shutdown.hook = false\n"
                + "destination.out.type = file\n"
                + "destination.out.path = " + dir.resolve("out-" + n + ".log").toString().replace("\\", "/") + "\n"
                + "destination.out.pattern = %m%n\n"
                + "route.root.level = INFO\n"
                + "route.root.destinations = out\n"
                + extra, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> linesOfAllOutputs() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("out-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static PipelineMXBean bean() {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), JmxTest.objectName("reload-it"),
                PipelineMXBean.class);
    }

    @Test
    void reloadsUnderConcurrentLoggingLoseNoEventAndKeepOrderPerThread() throws Exception {
        Spool.configure(writeConfig(0, ""));
        Spool.setLevel("kept", Level.WARN); // a level set at runtime survives reloads
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                Logger log = Spool.logger("app.t" + id);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < EVENTS; i++) {
                    log.info("t{} {}", id, i);
                }
            }, "producer-" + t);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        ObjectName name = JmxTest.objectName("reload-it");
        for (int n = 1; n <= RELOADS; n++) {
            writeConfig(n, "");
            // the same object name after every reload: a JMX client keeps its handle
            assertThat(bean().reload()).contains("reloaded").contains("1 destinations");
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isTrue();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(Spool.flush(Duration.ofSeconds(30))).isTrue();

        List<String> lines = linesOfAllOutputs();
        assertThat(lines).hasSize(THREADS * EVENTS);
        assertThat(new HashSet<>(lines)).hasSize(THREADS * EVENTS);
        int[] next = new int[THREADS];
        for (String line : lines) { // files in reload order: within each thread, order is kept
            String[] parts = line.split(" ");
            int t = Integer.parseInt(parts[0].substring(1));
            assertThat(Integer.parseInt(parts[1])).as(line).isEqualTo(next[t]++);
        }
        long used = Stream.of(dir.toFile().list()).filter(f -> f.startsWith("out-")).count();
        assertThat(used).as("pipelines that received events").isGreaterThan(1);
        assertThat(Spool.levels()).containsEntry("kept", Level.WARN);
    }

    @Test
    void aBrokenFileIsRefusedNamingKeyAndValueAndLoggingGoesOn() throws Exception {
        Spool.configure(writeConfig(0, ""));
        Logger log = Spool.logger("app");
        log.info("before");
        writeConfig(1, "queue.capacity = lots\n");
        assertThatThrownBy(() -> bean().reload())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lots'").hasMessageContaining("'queue.capacity'").hasMessageContaining("expected");
        log.info("after a broken file");

        Files.writeString(dir.resolve("spool.properties"), "destination.out.type = nosuch\n");
        assertThatThrownBy(() -> bean().reload()).hasMessageContaining("nosuch");
        Files.delete(dir.resolve("spool.properties"));
        assertThatThrownBy(() -> bean().reload()).hasMessageContaining("cannot read configuration file");
        log.info("after a missing file");

        Spool.flush(Duration.ofSeconds(5));
        assertThat(Files.readAllLines(dir.resolve("out-0.log")))
                .containsExactly("before", "after a broken file", "after a missing file");
        assertThat(dir.resolve("out-1.log")).doesNotExist();
        assertThat(Spool.stats().droppedTotal()).isZero();
    }

    @Test
    void aDestinationThatCannotOpenKeepsTheRunningPipeline() throws Exception {
        Spool.configure(writeConfig(0, ""));
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "a file where a directory is needed");
        Files.writeString(dir.resolve("spool.properties"), "name = reload-it\nshutdown.hook = false\n"
                + "destination.out.type = file\ndestination.out.path = "
                + blocker.resolve("x.log").toString().replace("\\", "/") + "\nroute.root.destinations = out\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = Diagnostics.redirect(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> bean().reload()).isInstanceOf(IllegalStateException.class);
        } finally {
            Diagnostics.redirect(previous);
        }
        Spool.logger("app").info("still here");
        Spool.flush(Duration.ofSeconds(5));
        assertThat(Files.readAllLines(dir.resolve("out-0.log"))).containsExactly("still here");
        Set<String> alive = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> alive.add(t.getName()));
        assertThat(alive).noneMatch(n -> n.startsWith("spool-config-watch"));
    }
}
