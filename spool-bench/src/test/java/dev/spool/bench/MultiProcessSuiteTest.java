package dev.spool.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultiProcessSuiteTest {

    private static MultiProcessSuite.Result ok(String backend, int processes, double perSecond) {
        return new MultiProcessSuite.Result(backend, processes, 1_000_000, (long) (1_000_000 * 1e9 / perSecond), "OK", true);
    }

    @Test
    void judgesTheTargetAgainstTheSingleProcessBaselineWithMedians() {
        String md = MultiProcessSuite.markdown(List.of(
                ok("spool", 1, 1_000_000), ok("spool", 1, 1_200_000), ok("spool", 1, 800_000),
                ok("spool-mp", 4, 400_000), ok("spool-mp", 4, 600_000), ok("spool-mp", 4, 700_000)));
        assertThat(md).contains("| spool | 1 | 1,000,000 | 1,000,000 | 1.00 | OK |")
                .contains("| spool-mp | 4 | 1,000,000 | 600,000 | 0.60 | OK |")
                .contains("at least half of Spool's single-process throughput: PASS (0.60)");
    }

    @Test
    void aLosingRunShowsItsVerdictAndFailsTheTarget() {
        String md = MultiProcessSuite.markdown(List.of(ok("spool", 1, 1_000_000),
                new MultiProcessSuite.Result("spool-mp", 4, 1_000_000, 0, "LOST 12/1000000", false)));
        assertThat(md).contains("| spool-mp | 4 | 1,000,000 | - | - | LOST 12/1000000 |").contains(": FAIL (0.00)");
    }
}
