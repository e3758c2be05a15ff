package dev.spool.sink;

import dev.spool.Context;
import dev.spool.Spool;
import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with no configuration, in a fresh JVM whose stdout is a pipe: the console shows each
 * event's fields and context after the message, nothing extra when it has none, and no colour codes.
 */
class ConsoleDefaultIT {

    /** The child: one event with a field and a correlation id, one with neither. */
    public static void main(String[] args) {
        try (Context.Scope scope = Spool.correlationId("req-7")) {
            Spool.logger("app.auth").atInfo().kv("user_id", 42).log("user logged in");
        }
        Spool.logger("app.auth").warn("plain");
        Spool.flush();
    }

    @Test
    void showsFieldsAndContextWithoutColourWhenNotATerminal(@TempDir Path dir) throws Exception {
        ChildJvm child = ChildJvm.builder(ConsoleDefaultIT.class).directory(dir).env("SPOOL_CONFIG", null)
                .env("SPOOL_FORWARD", null).separateStderr().run(Duration.ofSeconds(60));

        assertThat(child.exitValue()).as(child.stderr()).isZero();
        assertThat(child.stdout().lines()).hasSize(2);
        assertThat(child.stdout().lines().findFirst().orElseThrow())
                .endsWith(" INFO  [main] app.auth - user logged in user_id=42 correlation_id=req-7");
        assertThat(child.stdout()).contains(" WARN  [main] app.auth - plain" + System.lineSeparator())
                .doesNotContain("\u001B");
    }
}
