package dev.spool.slf4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What an application that only uses SLF4J gets, in a fresh JVM, without and with a broken configuration. */
class AutoConfigurationIT {

    @Test
    void withNoConfigurationAtAllEventsAtInfoGoToTheConsole(@TempDir Path dir) throws Exception {
        ChildApp.Result result = ChildApp.run(dir, null, Slf4jOnlyApp.class);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[main] app.slf4jonly - hello slf4j")
                .doesNotContain("below the configured level");
        assertThat(result.stderr()).doesNotContain("spool:").doesNotContain("SLF4J");
    }

    @Test
    void aBrokenConfigurationFallsBackToTheConsoleAndSaysWhy(@TempDir Path dir) throws Exception {
        ChildApp.Result result = ChildApp.run(dir, String.join("\n",
                "destination.out.type = console", "route.root.level = LOUD", "route.root.destinations = out", ""),
                Slf4jOnlyApp.class);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("spool: configuration error: ")
                .contains("'LOUD'").contains("'route.root.level'").contains("logging to the console at INFO instead");
        assertThat(result.stdout()).contains("INFO  [main] app.slf4jonly - hello slf4j")
                .doesNotContain("below the configured level");
    }
}
