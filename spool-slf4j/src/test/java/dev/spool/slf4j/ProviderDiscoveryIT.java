package dev.spool.slf4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** SLF4J's own discovery, in a fresh JVM: finds Spool's provider and says nothing about it. */
class ProviderDiscoveryIT {

    @Test
    void slf4jBindsToSpoolWithoutAnyWarning(@TempDir Path dir) throws Exception {
        ChildApp.Result result = ChildApp.run(dir, Slf4jOnlyApp.class);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).doesNotContain("SLF4J").doesNotContain("NOP");
        assertThat(result.stdout())
                .contains("factory=" + SpoolLoggerFactory.class.getName())
                .contains("INFO|app.slf4jonly|hello slf4j|{request=r-1}")
                .doesNotContain("below the configured level");
    }
}
