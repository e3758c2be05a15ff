package dev.spool.store;

import dev.spool.ContextMap;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlatJsonTest {

    private final StringBuilder scratch = new StringBuilder();

    @Test
    void fieldsOfEveryTypeComeBackAsTheirTextForm() {
        TestEvent e = TestEvent.event().field("n", 42L).field("d", 1.5).field("ok", true).field("s", "x")
                .field("nan", Double.NaN);
        String json = FlatJson.STANDARD.fields(e, scratch);
        assertThat(json).isEqualTo("{\"n\":42,\"d\":1.5,\"ok\":true,\"s\":\"x\",\"nan\":\"NaN\"}");
        assertThat(FlatJson.parse(json)).containsExactly(Map.entry("n", "42"), Map.entry("d", "1.5"),
                Map.entry("ok", "true"), Map.entry("s", "x"), Map.entry("nan", "NaN"));
    }

    @Test
    void quotesBackslashesAndControlCharactersRoundTrip() {
        String nasty = "a\"b\\c\nd\u0001'; DROP TABLE logs; --";
        String json = FlatJson.STANDARD.context(ContextMap.EMPTY.with(nasty, nasty), scratch);
        assertThat(FlatJson.parse(json)).containsExactly(Map.entry(nasty, nasty));
    }

    @Test
    void nulIsEscapedByTheStandardFormAndReplacedForStoresThatCannotHoldIt() {
        assertThat(FlatJson.STANDARD.quoted("a\0b")).isEqualTo("\"a\\u0000b\"");
        assertThat(FlatJson.parse("{\"k\":" + FlatJson.STANDARD.quoted("a\0b") + "}")).containsEntry("k", "a\0b");
        assertThat(FlatJson.NUL_REPLACED.quoted("a\0b")).isEqualTo("\"a\uFFFDb\"");
        assertThat(FlatJson.NUL_REPLACED.member("k", "1")).isEqualTo("{\"k\":1}");
    }

    @Test
    void readsWhatPostgresqlPrintsForAFlatJsonbObject() {
        assertThat(FlatJson.parse("{\"n\": 42, \"ok\": true, \"s\": \"a\\\"b\\\\c\\nd\\u0001\", \"x\": 1.5e3}"))
                .containsExactly(Map.entry("n", "42"), Map.entry("ok", "true"), Map.entry("s", "a\"b\\c\nd\u0001"),
                        Map.entry("x", "1.5e3"));
    }

    @Test
    void emptyAndMissingAreEmptyAndTruncatedFailsLoudly() {
        assertThat(FlatJson.STANDARD.fields(TestEvent.event(), scratch)).isNull();
        assertThat(FlatJson.STANDARD.context(ContextMap.EMPTY, scratch)).isNull();
        assertThat(FlatJson.parse(null)).isEmpty();
        assertThat(FlatJson.parse("{}")).isEmpty();
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": \"x")).isInstanceOf(IllegalArgumentException.class);
    }
}
