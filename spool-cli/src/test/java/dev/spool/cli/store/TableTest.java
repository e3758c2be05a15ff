package dev.spool.cli.store;

import dev.spool.store.TimeBucket;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void alignsColumnsIgnoringColorCodesAndRightAlignsNumbers() {
        StringWriter text = new StringWriter();
        new Table("LEVEL", "COUNT>", "NOTE").row("\u001B[31mERROR\u001B[0m", "7", "x").row("INFO", "1,234", "longer note")
                .print(new PrintWriter(text, true));
        assertThat(text.toString().lines().toList()).containsExactly(
                "LEVEL  COUNT  NOTE",
                "\u001B[31mERROR\u001B[0m      7  x",
                "INFO   1,234  longer note");
    }

    @Test
    void sparklineScalesToTheTallestBucketAndShowsEmptyOnesAsSpaces() {
        assertThat(Sparkline.of(List.of(new TimeBucket(0, 1), new TimeBucket(1, 0), new TimeBucket(2, 8), new TimeBucket(3, 4))))
                .isEqualTo("▁ █▄");
    }

    @Test
    void oneLineEscapesControlCharacters() {
        assertThat(RecordPrinter.oneLine("a\nb\tc\u0007")).isEqualTo("a\\nb\\tc\\u0007");
    }
}
