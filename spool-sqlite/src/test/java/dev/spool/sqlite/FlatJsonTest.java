package dev.spool.sqlite;

import dev.spool.ContextMap;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlatJsonTest {

    private final StringBuilder scratch = new StringBuilder();

    @Test
    void fieldsOfEveryTypeComeBackAsTheirTextForm() {
        TestEvent e = TestEvent.event().field("n", 42L).field("d", 1.5).field("b", true).field("s", "x")
                .field("nan", Double.NaN);
        String json = FlatJson.fields(e, scratch);
        assertThat(json).isEqualTo("{\"n\":42,\"d\":1.5,\"b\":true,\"s\":\"x\",\"nan\":\"NaN\"}");
        assertThat(FlatJson.parse(json)).containsExactly(Map.entry("n", "42"), Map.entry("d", "1.5"),
                Map.entry("b", "true"), Map.entry("s", "x"), Map.entry("nan", "NaN"));
    }

    @Test
    void quotesBackslashesAndControlCharactersRoundTrip() {
        String nasty = "a\"b\\c'; DROP TABLE logs; --\n\t\r\u0001é€";
        String json = FlatJson.context(ContextMap.EMPTY.with(nasty, nasty), scratch);
        assertThat(json).doesNotContain("\n", "\u0001");
        assertThat(FlatJson.parse(json)).containsExactly(Map.entry(nasty, nasty));
    }

    @Test
    void noFieldsAndNoContextAreStoredAsNull() {
        assertThat(FlatJson.fields(TestEvent.event(), scratch)).isNull();
        assertThat(FlatJson.context(ContextMap.EMPTY, scratch)).isNull();
        assertThat(FlatJson.parse(null)).isEmpty();
        assertThat(FlatJson.parse("{}")).isEmpty();
    }
}
