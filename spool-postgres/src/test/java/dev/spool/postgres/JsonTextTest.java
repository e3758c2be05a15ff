package dev.spool.postgres;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {

    @Test
    void fieldsKeepNumbersAndBooleansBareAndEscapeStrings() {
        TestEvent e = TestEvent.event().field("n", 42L).field("ok", true).field("s", "a\"b\\c\nd\u0001")
                .field("nan", Double.NaN);
        assertThat(JsonText.fields(e, new StringBuilder()))
                .isEqualTo("{\"n\":42,\"ok\":true,\"s\":\"a\\\"b\\\\c\\u000ad\\u0001\",\"nan\":\"NaN\"}");
    }

    @Test
    void nulBecomesTheReplacementCharacterBecauseJsonbRefusesIt() {
        assertThat(JsonText.quoted("a\0b")).isEqualTo("\"a\uFFFDb\"");
    }

    @Test
    void readsWhatPostgresqlPrintsForAFlatJsonbObject() {
        assertThat(JsonText.parse("{\"n\": 42, \"ok\": true, \"s\": \"a\\\"b\\\\c\\nd\\u0001\", \"x\": 1.5e3}"))
                .isEqualTo(Map.of("n", "42", "ok", "true", "s", "a\"b\\c\nd\u0001", "x", "1.5e3"));
        assertThat(JsonText.parse("{}")).isEmpty();
        assertThat(JsonText.parse(null)).isEmpty();
    }

    @Test
    void aTruncatedObjectFailsLoudly() {
        assertThatThrownBy(() -> JsonText.parse("{\"a\": 1")).isInstanceOf(RuntimeException.class);
    }
}
