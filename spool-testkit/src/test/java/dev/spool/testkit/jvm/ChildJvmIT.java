package dev.spool.testkit.jvm;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher with a real child JVM: what it prints, what it is sent, how it ends. */
class ChildJvmIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The child: prints its arguments, its system property {@code probe} and variable {@code PROBE}, a
     * line on stderr and "ready"; then answers each line of stdin with "echo LINE" until "exit CODE".
     */
    public static void main(String[] args) throws IOException {
        System.out.println("args " + String.join(",", args));
        System.out.println("property " + System.getProperty("probe") + " env " + System.getenv("PROBE"));
        System.err.println("on stderr");
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("exit ")) {
                System.exit(Integer.parseInt(line.substring(5)));
            }
            System.out.println("echo " + line);
        }
    }

    @Test
    void passesArgumentsPropertiesAndEnvironmentAndTalksThroughStdin(@TempDir Path dir) throws Exception {
        try (ChildJvm child = ChildJvm.builder(ChildJvmIT.class).args("a", "b").property("probe", "p1")
                .env("PROBE", "e1").outputFile(dir.resolve("child.log")).startAwaiting("ready", WAIT)) {
            assertThat(child.lineStartingWith("args ")).isEqualTo("args a,b");
            assertThat(child.lineStartingWith("property ")).isEqualTo("property p1 env e1");
            child.send("hello");
            assertThat(child.awaitLine("echo hello", WAIT)).isEqualTo("echo hello");
            child.send("exit 7");
            assertThat(child.awaitExit(WAIT)).isEqualTo(7);
            assertThat(child.output()).contains("on stderr").endsWith("echo hello\n");
            assertThat(Files.readString(dir.resolve("child.log"))).isEqualTo(child.output());
        }
    }

    @Test
    void readsLinesOneByOneAndNullAtTheEnd() throws Exception {
        try (ChildJvm child = ChildJvm.builder(ChildJvmIT.class).args("x").separateStderr().start()) {
            assertThat(child.readLine(WAIT)).isEqualTo("args x");
            assertThat(child.readLine(WAIT)).startsWith("property ");
            assertThat(child.readLine(WAIT)).as("stderr kept apart").isEqualTo("ready");
            child.send("exit 0");
            assertThat(child.readLine(WAIT)).isNull();
            assertThat(child.stderr()).isEqualTo("on stderr\n");
            assertThat(child.stdout()).doesNotContain("on stderr");
        }
    }

    @Nested
    class Failures {

        @Test
        void aLineThatDoesNotComeFailsAfterTheWaitShowingTheOutput() throws Exception {
            try (ChildJvm child = ChildJvm.builder(ChildJvmIT.class).name("quiet").startAwaiting("ready", WAIT)) {
                assertThatThrownBy(() -> child.awaitLine("never", Duration.ofMillis(200)))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("quiet did not print \"never\" within PT0.2S").hasMessageContaining("ready");
                assertThat(child.isAlive()).isTrue();
            }
        }

        @Test
        void aChildThatEndsFirstFailsTheWaitAtOnceWithItsExitCode() throws Exception {
            try (ChildJvm child = ChildJvm.builder(ChildJvmIT.class).name("short").startAwaiting("ready", WAIT)) {
                child.send("exit 3");
                assertThatThrownBy(() -> child.awaitLine("never", WAIT)).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("short ended its output").hasMessageContaining("before printing \"never\"");
                assertThat(child.awaitExit(WAIT)).isEqualTo(3);
            }
        }

        @Test
        void aHandshakeThatDoesNotComeFailsAndKillsTheChild() {
            Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
            assertThatThrownBy(() -> ChildJvm.builder(ChildJvmIT.class).startAwaiting("never", Duration.ofSeconds(5)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("ready");
            assertThat(ProcessHandle.current().children().filter(p -> !before.contains(p))).isEmpty();
        }
    }

    @Nested
    class Signals {

        @Test
        void killIsSigkillAndDestroyIsSigterm() throws Exception {
            try (ChildJvm killed = ChildJvm.builder(ChildJvmIT.class).startAwaiting("ready", WAIT);
                 ChildJvm terminated = ChildJvm.builder(ChildJvmIT.class).startAwaiting("ready", WAIT)) {
                killed.kill();
                assertThat(killed.isAlive()).isFalse();
                assertThat(killed.exitValue()).isEqualTo(128 + 9);
                terminated.destroy();
                assertThat(terminated.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(terminated.exitValue()).isEqualTo(128 + 15);
            }
        }

        @Test
        void closeKillsAChildThatStillRuns() throws Exception {
            ChildJvm child = ChildJvm.builder(ChildJvmIT.class).startAwaiting("ready", WAIT);
            child.close();
            assertThat(child.isAlive()).isFalse();
        }
    }
}
