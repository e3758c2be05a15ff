package dev.spool.format;

import dev.spool.testkit.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test-side JSON parser must be strict, or the format round-trip tests would prove little. */
class StrictJsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = StrictJson.parse("{\"a\":[1,-2.5e3,true,false,null],\"b\":\"x\\n\\u00e9\\ud83d\\ude00\"}");

        assertThat(value).isEqualTo(Map.of(
                "a", java.util.Arrays.asList(1L, new BigDecimal("-2.5e3"), true, false, null),
                "b", "x\né\uD83D\uDE00"));
    }

    @Test
    void keepsKeyOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) StrictJson.parse("{\"z\":1,\"a\":2}");

        assertThat(List.copyOf(map.keySet())).containsExactly("z", "a");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,}", "[1,]", "{\"a\":1} x", "{'a':1}", "\"raw\ttab\"", "\"bad \\x escape\"", "01", "1.", "-",
        "1e", "+1", "NaN", "{\"a\":1,\"a\":2}", "\"\\ud800\"", "\"\\u12\"", "tru", "[1 2]", "{\"a\" 1}", ""})
    void rejectsAnythingOutsideTheGrammar(String json) {
        assertThatThrownBy(() -> StrictJson.parse(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] loneContinuation = {'"', (byte) 0x80, '"'};
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

        assertThatThrownBy(() -> StrictJson.parse(loneContinuation)).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> StrictJson.parse(encodedSurrogate)).hasMessageContaining("UTF-8");
    }
}
