package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameTokenTest {

    private static String render(NameToken token, TestEvent event) {
        ByteBuilder out = new ByteBuilder(64);
        token.render(event, out);
        return out.toString();
    }

    @Test
    void namesSharingACacheSlotAlternateCorrectly() {
        // "Aa" and "BB" have the same String.hashCode(), so they fight over one entry.
        NameToken thread = NameToken.thread();
        for (int i = 0; i < 5; i++) {
            assertThat(render(thread, TestEvent.event().thread("Aa", 1))).isEqualTo("Aa");
            assertThat(render(thread, TestEvent.event().thread("BB", 2))).isEqualTo("BB");
        }
    }

    @Test
    void anEqualNameInAnotherStringIsServedFromTheCacheAndEscapingIsKept() {
        NameToken logger = NameToken.logger();
        String first = "app.db\nforged";
        assertThat(render(logger, TestEvent.event().logger(first))).isEqualTo("app.db\\nforged");
        String copy = new String(first.toCharArray());
        assertThat(render(logger, TestEvent.event().logger(copy))).isEqualTo("app.db\\nforged");
        assertThat(render(logger, TestEvent.event().logger("caf\u00e9"))).isEqualTo("caf\u00e9");
        assertThat(render(logger, TestEvent.event().logger(null))).isEqualTo("null");
    }
}
