package dev.spool.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void quotesOnlyValuesThatNeedIt() {
        assertThat(Csv.join("spool", 4, "gc 1 (2 ms), dropped 0", "say \"hi\"", "a\nb"))
                .isEqualTo("spool,4,\"gc 1 (2 ms), dropped 0\",\"say \"\"hi\"\"\",\"a\nb\"");
    }
}
