package dev.spool.examples.springboot;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The example in a JVM of its own: what happens at exit, and what a user sees for a bad property. */
class ExampleProcessIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void exitingTheJvmWritesEverythingLoggedBeforeAndWhileTheContextCloses() throws Exception {
        Path logFile = dir.resolve("example.log");
        ChildJvm child = ChildJvm.builder(ExampleThatExits.class).directory(dir).separateStderr()
                .args(RunningExample.commonArgs(logFile)).run(TIMEOUT);
        assertThat(child.exitValue()).as(child.output()).isZero();

        List<Map<String, Object>> events = RunningExample.read(logFile);
        List<Object> load = new ArrayList<>();
        events.stream().filter(e -> "load event".equals(e.get("message")))
                .forEach(e -> load.add(((Map<?, ?>) e.get("fields")).get("i")));
        assertThat(load).hasSize(ExampleThatExits.EVENTS);
        for (int i = 0; i < load.size(); i++) {
            assertThat(load.get(i)).isEqualTo((long) i);
        }
        assertThat(events).anyMatch(e -> "inventory closing".equals(e.get("message")));
        assertThat(child.stderr()).doesNotContain("not written");
    }

    @Test
    void anUnknownLevelNameFailsTheStartNamingThePropertyAndTheLevels() throws Exception {
        String output = failedStart("--logging.level.dev.spool.examples=LOUD");
        assertThat(output).contains("spool: spring boot: APPLICATION FAILED TO START\n\nDescription:\n\n",
                "logging.level.dev.spool.examples", "LOUD", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN");
        // Boot logged the report after its logging cleanup and never asked for the shutdown handler: the
        // module's own exit hook drained it to the console.
        assertThat(output).contains("ERROR", "LoggingFailureAnalysisReporter : \\n\\n***************************"
                + "\\nAPPLICATION FAILED TO START");
    }

    @Test
    void anUnreadableLoggingConfigFailsTheStartNamingThePropertyAndWhatItAccepts() throws Exception {
        Path missing = dir.resolve("missing-spool.properties");
        String output = failedStart("--logging.config=" + missing);
        assertThat(output).contains("spool: spring boot: APPLICATION FAILED TO START\n\nDescription:\n\n"
                        + "Spool cannot use the logging property 'logging.config' with the value '" + missing + "': "
                        + missing + " does not exist\n\nAction:\n\nUpdate your application's configuration."
                        + " The property 'logging.config' accepts a readable Spool configuration file");
    }

    @Test
    void anInvalidSpoolFileFailsTheStartWithSpoolsOwnMessage() throws Exception {
        Path config = dir.resolve("broken-spool.properties");
        Files.writeString(config, "route.root.overflow = spill\n");
        String output = failedStart("--logging.config=" + config);
        assertThat(output).contains("APPLICATION FAILED TO START", "'logging.config'",
                "bad value 'spill' for key 'route.root.overflow'");
    }

    private String failedStart(String badArgument) throws Exception {
        List<String> args = new ArrayList<>(List.of(RunningExample.commonArgs(dir.resolve("example.log"))));
        args.remove("--logging.pattern.console="); // the failure report goes to the console
        args.add(badArgument);
        ChildJvm child = ChildJvm.builder(ExampleApplication.class).directory(dir).args(args.toArray(String[]::new))
                .run(TIMEOUT);
        System.out.println("--- " + badArgument + "\n" + child.output()); // kept in failsafe-reports
        assertThat(child.exitValue()).as(child.output()).isNotZero();
        return child.output();
    }
}
