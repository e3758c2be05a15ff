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
    void fieldsOfEveryTypeComeBackWithTheirType() {
        TestEvent e = TestEvent.event().field("n", 42).field("d", 1.5).field("ok", true).field("s", "042")
                .field("nan", Double.NaN).field("none", null);
        String json = FlatJson.STANDARD.fields(e, scratch);
        assertThat(json).isEqualTo("{\"n\":42,\"d\":1.5,\"ok\":true,\"s\":\"042\",\"nan\":\"NaN\",\"none\":null}");
        assertThat(FlatJson.parse(json)).containsExactly(Map.entry("n", 42L), Map.entry("d", 1.5),
                Map.entry("ok", true), Map.entry("s", "042"), Map.entry("nan", "NaN"), new java.util.AbstractMap.SimpleEntry<>("none", null));
        assertThat(FlatJson.parseText(json)).containsEntry("n", "42").containsEntry("d", "1.5").containsEntry("ok", "true");
    }

    @Test
    void aFractionKeepsItsFractionWhereJsonbWouldPrintItAsAnInteger() {
        TestEvent e = TestEvent.event().field("e15", 1.0e15).field("max", Double.MAX_VALUE).field("tiny", 1.0e-5)
                .field("f", 1.0e10f).field("part", 1.2345678901E8);
        String json = FlatJson.STANDARD.fields(e, scratch);
        assertThat(json).startsWith("{\"e15\":1000000000000000.0,\"max\":17976931348623157").contains(",\"tiny\":1.0E-5,\"f\":10000000000.0,\"part\":123456789.01}");
        assertThat(FlatJson.parse(json)).containsExactly(Map.entry("e15", 1.0e15), Map.entry("max", Double.MAX_VALUE),
                Map.entry("tiny", 1.0e-5), Map.entry("f", 1.0e10), Map.entry("part", 1.2345678901E8));
        // what PostgreSQL prints for 1.0E15, an integer, is read as one
        assertThat(FlatJson.parse("{\"a\": 1000000000000000, \"b\": 0.000010, \"c\": 123456789012345678901234}"))
                .containsExactly(Map.entry("a", 1_000_000_000_000_000L), Map.entry("b", 1.0e-5), Map.entry("c", 1.2345678901234568E23));
    }

    @Test
    void aKeyStoredTwiceKeepsItsLastValue() {
        assertThat(FlatJson.parse("{\"k\":1,\"k\":\"x\"}")).containsExactly(Map.entry("k", "x"));
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
                .containsExactly(Map.entry("n", 42L), Map.entry("ok", true), Map.entry("s", "a\"b\\c\nd\u0001"),
                        Map.entry("x", 1500.0));
    }

    @Test
    void emptyAndMissingAreEmptyAndTruncatedFailsLoudly() {
        assertThat(FlatJson.STANDARD.fields(TestEvent.event(), scratch)).isNull();
        assertThat(FlatJson.STANDARD.context(ContextMap.EMPTY, scratch)).isNull();
        assertThat(FlatJson.parse(null)).isEmpty();
        assertThat(FlatJson.parse("{}")).isEmpty();
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": \"x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": {\"b\": 1}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": nope}")).isInstanceOf(IllegalArgumentException.class);
    }
}
