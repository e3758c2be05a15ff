package dev.spool.format;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PaddedTokenTest {

    /** min, padRight, max (0: none), keepStart: {@code %-5p}, {@code %5p}, {@code %.1p}, {@code %.-2p}, ... */
    @ParameterizedTest
    @CsvSource({"5, true, 0, false", "5, false, 0, false", "0, false, 1, false", "0, false, 2, true",
        "7, true, 3, false", "2, true, 0, false", "1, false, 4, true"})
    void aLevelPaddedOnceReadsAsALevelPaddedForEveryEvent(int min, boolean padRight, int max, boolean keepStart) {
        int maxChars = max == 0 ? Integer.MAX_VALUE : max;
        PaddedToken once = new PaddedToken(EventToken.LEVEL, min, padRight, maxChars, keepStart, true);
        PaddedToken each = new PaddedToken(EventToken.LEVEL, min, padRight, maxChars, keepStart, false);
        for (Level level : Level.values()) {
            TestEvent event = TestEvent.event().level(level);
            String expected = render(each, event);
            assertThat(render(once, event)).as("%s", level).isEqualTo(expected);
            if (max == 0) {
                assertThat(expected.trim()).isEqualTo(level.name());
                assertThat(expected.length()).isEqualTo(Math.max(min, level.name().length()));
            } else {
                assertThat(expected.trim().length()).isLessThanOrEqualTo(max);
            }
        }
    }

    private static String render(PaddedToken token, TestEvent event) {
        ByteBuilder out = new ByteBuilder(16);
        out.appendAscii(">");
        token.render(event, out);
        return new String(out.array(), 1, out.length() - 1, StandardCharsets.UTF_8);
    }
}
