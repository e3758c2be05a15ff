package dev.spool.alert;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesTest {

    @Test
    void wordsWithDigitsBecomeHash() {
        assertThat(Templates.template("order 8812 failed after 3 tries")).isEqualTo("order # failed after # tries");
        assertThat(Templates.template("id a1b2c3 at 10.0.0.1")).isEqualTo("id # at #.#.#.#");
        assertThat(Templates.template("no digits here")).isEqualTo("no digits here");
    }

    @Test
    void messagesWithTheSameTemplateHashAlike() {
        assertThat(Templates.hash("order 8812 failed after 3 tries"))
                .isEqualTo(Templates.hash("order 9 failed after 12 tries"))
                .isEqualTo(Templates.hash(Templates.template("order 9 failed after 12 tries")));
        assertThat(Templates.hash("order 1 failed")).isNotEqualTo(Templates.hash("order 1 shipped"));
        assertThat(Templates.hash("a b")).isNotEqualTo(Templates.hash("ab"));
    }

    @Test
    void onlyTheFirstCharsDecide() {
        String head = "x".repeat(Templates.CHARS);
        assertThat(Templates.hash(head + " tail one")).isEqualTo(Templates.hash(head + " other tail"));
        assertThat(Templates.template(head + "tail")).hasSize(Templates.CHARS);
    }

    @Test
    void worksOnAnyCharSequence() {
        assertThat(Templates.hash(new StringBuilder("user 42 left"))).isEqualTo(Templates.hash("user 7 left"));
        assertThat(Templates.hash(null)).isEqualTo(Templates.hash(null));
    }
}
