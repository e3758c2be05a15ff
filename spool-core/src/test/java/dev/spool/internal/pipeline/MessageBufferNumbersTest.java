package dev.spool.internal.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MessageBuffer#append(long)} and its digit count against {@link Long#toString(long)} at every length's edges. */
class MessageBufferNumbersTest {

    @Test
    void everyDigitCountsEdgesAndRandomLongsPrintAsLongToStringDoes() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        long power = 1;
        for (int k = 0; k <= 18; k++) {
            values.addAll(List.of(power - 1, power, power + 1, -power, -(power - 1), -(power + 1)));
            power *= 10;
        }
        Random random = new Random(1208);
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64)); // every bit length, both signs
        }
        for (long v : values) {
            MessageBuffer buffer = new MessageBuffer(4);
            buffer.append("n=");
            buffer.append(v);
            assertThat(buffer.toString()).isEqualTo("n=" + v);
            if (v >= 0) {
                assertThat(MessageBuffer.digitCount(v)).as("%d", v).isEqualTo(Long.toString(v).length());
            }
        }
    }
}
