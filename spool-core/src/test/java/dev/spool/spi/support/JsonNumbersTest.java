package dev.spool.spi.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonNumbersTest {

    /** text (then a comma that ends it), value class, value as text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|Long|0", "-0|Long|0", "42|Long|42", "-7|Long|-7", "123456789012345678|Long|123456789012345678",
        "9223372036854775807|Long|9223372036854775807", "9223372036854775808|Double|9.223372036854776E18",
        "1.5|Double|1.5", "-2e3|Double|-2000.0", "1E+2|Double|100.0", "0.25e-1|Double|0.025"})
    void scansAWholeNumberAndReadsItsValue(String text, String kind, String value) {
        byte[] in = (" " + text + ",").getBytes(StandardCharsets.US_ASCII);
        int stop = JsonNumbers.scan(in, 1, in.length);
        assertThat(stop).isEqualTo(1 + text.length());
        Object read = JsonNumbers.value(in, 1, stop);
        assertThat(read.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(read.toString()).isEqualTo(value);
    }

    /** text, index where a digit was expected. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-|1", "+1|0", "1.|2", "1.e5|2", "2e|2", "2e+|3", "-.5|1", "x|0"})
    void saysWhereADigitWasExpected(String text, int at) {
        byte[] in = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(JsonNumbers.scan(in, 0, in.length)).isEqualTo(-(at + 1));
    }
}
