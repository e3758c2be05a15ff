package dev.spool.internal.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A double in a message reads exactly as {@link StringBuilder#append(double)} writes it on the JDK running
 * the test (17 and 25 in CI), whether it took the short-decimal path or the JDK's digits.
 */
class DoubleDigitsTest {

    private static final double[] EDGES = {
        0.001, Math.nextDown(0.001), Math.nextUp(0.001), 1e7, Math.nextDown(1e7), 9_999_999.99999999,
        0.0025, 0.00100001, 0.5, 1.0, 12.0, 100.0, 12_345.5, 1_999.99, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3,
        2.0 / 3, 4.35, 8.41, 0.007, 1234567.12345678, 1234567.123456789, 0.00123456, 0.001234567, 3.14159265,
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.MIN_NORMAL, 1e23, 2e-3, 9.999999999999999E22, 1e-4, 123_456_789.5,
    };

    @Test
    void edgesAndTheirNegativesReadAsTheJdkWritesThem() {
        for (double v : EDGES) {
            assertSameAsJdk(v);
            assertSameAsJdk(-v);
        }
    }

    @Test
    void shortDecimalsOfEveryLengthAndRandomDoublesReadAsTheJdkWritesThem() {
        Random random = new Random(20261206);
        for (int i = 0; i < 120_000; i++) {
            int fractionDigits = random.nextInt(10);
            double scale = Math.pow(10, fractionDigits);
            double magnitude = Math.pow(10, random.nextInt(12) - 4);
            double shortDecimal = Math.rint(random.nextDouble() * magnitude * scale) / scale;
            assertSameAsJdk(random.nextBoolean() ? shortDecimal : -shortDecimal);
            assertSameAsJdk(random.nextDouble() * magnitude);
            assertSameAsJdk(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void theShortPathIsTakenForShortDecimalsInThePlainRangeOnly() {
        assertThat(MessageBuffer.shortDecimalUnits(12_345.5)).isEqualTo(1_234_550_000_000L);
        assertThat(MessageBuffer.shortDecimalUnits(-0.25)).isEqualTo(25_000_000L);
        assertThat(MessageBuffer.shortDecimalUnits(0.001)).isEqualTo(100_000L);
        assertThat(MessageBuffer.shortDecimalUnits(9_999_999.99999999)).isEqualTo(999_999_999_999_999L);
        assertThat(MessageBuffer.shortDecimalUnits(0.1 + 0.2)).isEqualTo(-1);      // 0.30000000000000004
        assertThat(MessageBuffer.shortDecimalUnits(1.0 / 3)).isEqualTo(-1);
        assertThat(MessageBuffer.shortDecimalUnits(0.123456789)).isEqualTo(-1);    // nine fraction digits
        assertThat(MessageBuffer.shortDecimalUnits(Math.nextDown(0.001))).isEqualTo(-1); // written 9.99...E-4
        assertThat(MessageBuffer.shortDecimalUnits(1e7)).isEqualTo(-1);           // written 1.0E7
        assertThat(MessageBuffer.shortDecimalUnits(0.0)).isEqualTo(-1);
        assertThat(MessageBuffer.shortDecimalUnits(Double.NaN)).isEqualTo(-1);
        assertThat(MessageBuffer.shortDecimalUnits(Double.POSITIVE_INFINITY)).isEqualTo(-1);
    }

    @Test
    void aDoubleAfterCharsThatAreNotAsciiReadsTheSame() {
        MessageBuffer message = new MessageBuffer(16);
        message.append("\u00e9 ");
        message.append(12_345.5);
        message.append(' ');
        message.append(1.0 / 3);
        assertThat(message.toString()).isEqualTo("\u00e9 12345.5 " + (1.0 / 3));
    }

    @Test
    void aDoubleBetweenOtherTextGrowsTheBufferAndKeepsTheText() {
        MessageBuffer message = new MessageBuffer(4);
        message.append("ratio=");
        message.append(-1_234_567.00000001);
        message.append(" of ");
        message.append(0.0025);
        assertThat(message.toString()).isEqualTo("ratio=-1234567.00000001 of 0.0025");
    }

    private static void assertSameAsJdk(double v) {
        MessageBuffer message = new MessageBuffer(8);
        message.append('<');
        message.append(v);
        message.append('>');
        assertThat(message.toString()).as("bits %x", Double.doubleToRawLongBits(v))
                .isEqualTo("<" + new StringBuilder().append(v) + ">");
    }
}
