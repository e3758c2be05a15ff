package dev.spool.alert;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameMatcherTest {

    @Nested
    class Exact {
        @Test
        void matchesTheNameOnly() {
            NameMatcher m = NameMatcher.parse("k", "app.db");
            assertThat(m.matches("app.db")).isTrue();
            assertThat(m.matches("app.db.pool")).isFalse();
            assertThat(m.matches("app")).isFalse();
            assertThat(m.matches(null)).isFalse();
        }

        @Test
        void explicitExactTakesWildcardsLiterally() {
            NameMatcher m = NameMatcher.parse("k", "exact:a*b");
            assertThat(m.matches("a*b")).isTrue();
            assertThat(m.matches("axb")).isFalse();
        }
    }

    @Nested
    class Prefix {
        @Test
        void matchesTheNameAndItsDottedDescendants() {
            NameMatcher m = NameMatcher.parse("k", "prefix:app.db");
            assertThat(m.matches("app.db")).isTrue();
            assertThat(m.matches("app.db.pool")).isTrue();
            assertThat(m.matches("app.dbx")).isFalse();
            assertThat(m.matches("app")).isFalse();
        }
    }

    @Nested
    class Glob {
        @Test
        void starMatchesAnyRunAndQuestionMarkOneCharacter() {
            NameMatcher m = NameMatcher.parse("k", "app.*.repo");
            assertThat(m.matches("app.db.repo")).isTrue();
            assertThat(m.matches("app.a.b.repo")).isTrue();
            assertThat(m.matches("app.repo")).isFalse();
            assertThat(NameMatcher.parse("k", "glob:web-?").matches("web-1")).isTrue();
            assertThat(NameMatcher.parse("k", "glob:web-?").matches("web-12")).isFalse();
        }

        @Test
        void backtracksAfterAPartialMatch() {
            assertThat(NameMatcher.glob("*ab", "aab")).isTrue();
            assertThat(NameMatcher.glob("a*b*c", "abxbxc")).isTrue();
            assertThat(NameMatcher.glob("a*b*c", "abxbx")).isFalse();
            assertThat(NameMatcher.glob("**", "")).isTrue();
        }
    }

    @Test
    void aListMatchesWhenAnyPatternDoes() {
        NameMatcher m = NameMatcher.parse("k", "checkout, prefix:billing, web-*");
        assertThat(m.matches("checkout")).isTrue();
        assertThat(m.matches("billing.eu")).isTrue();
        assertThat(m.matches("web-3")).isTrue();
        assertThat(m.matches("search")).isFalse();
    }

    @Test
    void anyMatchesEvenAMissingName() {
        assertThat(NameMatcher.ANY.matches(null)).isTrue();
        assertThat(NameMatcher.ANY.matches("x")).isTrue();
    }

    @Test
    void rejectsEmptyPatternsNamingKeyAndForms() {
        assertThatThrownBy(() -> NameMatcher.parse("alert.x.logger", "app,,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'alert.x.logger'")
                .hasMessageContaining("'app,,b'")
                .hasMessageContaining("prefix:NAME");
        assertThatThrownBy(() -> NameMatcher.parse("alert.x.logger", "prefix:"))
                .hasMessageContaining("alert.x.logger");
    }
}
