package dev.spool.jul;

import dev.spool.slf4j.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** java.util.logging in a fresh JVM, with and without {@code -Djava.util.logging.config.class}. */
class SpoolJulConfigIT {

    @Test
    void configClassPropertyRoutesJulToSpool(@TempDir Path dir) throws Exception {
        ChildApp.Result result = ChildApp.run(dir, TwoApiApp.class,
                "-Djava.util.logging.config.class=" + SpoolJulConfig.class.getName());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("root handlers=[SpoolHandler]")
                .contains("INFO|app.slf4j|from slf4j|{}")
                .contains("INFO|app.jul|from jul formatted|{}")
                .contains("ERROR|app.jul|jul failure|{}|java.lang.IllegalStateException: boom")
                .doesNotContain("jul below the configured level");
        assertThat(result.stderr()).doesNotContain("from jul").doesNotContain("failed");
    }

    @Test
    void slf4jProviderLeavesJulAloneWithoutIt(@TempDir Path dir) throws Exception {
        ChildApp.Result result = ChildApp.run(dir, TwoApiApp.class);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("root handlers=[ConsoleHandler]")
                .contains("INFO|app.slf4j|from slf4j|{}")
                .doesNotContain("from jul");
        assertThat(result.stderr()).contains("from jul formatted"); // JUL's own console handler
    }
}
