package dev.spool.internal.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFormatterTest {

    private static String format(String pattern, Object... args) {
        StringBuilder sb = new StringBuilder();
        MessageFormatter.format(sb, pattern, 0, null, null, args);
        return sb.toString();
    }

    @Test
    void substitutesPlaceholdersInOrder() {
        assertThat(format("Thread {} log {} value={}", 3, 17L, "x")).isEqualTo("Thread 3 log 17 value=x");
    }

    @Test
    void leavesExtraPlaceholdersAndIgnoresExtraArguments() {
        assertThat(format("a {} b {} c {}", 1)).isEqualTo("a 1 b {} c {}");
        assertThat(format("a {}", 1, 2, 3)).isEqualTo("a 1");
    }

    @Test
    void escapedPlaceholdersAreLiteral() {
        assertThat(format("set \\{} to {}", 5)).isEqualTo("set {} to 5");
        assertThat(format("path C:\\\\{}", "dir")).isEqualTo("path C:\\dir");
    }

    @Test
    void trailingThrowableIsTheExceptionNotAnArgument() {
        StringBuilder sb = new StringBuilder();
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable t = MessageFormatter.format(sb, "failed {} {}", 0, null, null, new Object[] {"x", boom});
        assertThat(t).isSameAs(boom);
        assertThat(sb).hasToString("failed x {}");
    }

    @Test
    void twoArgumentFormWithoutArray() {
        StringBuilder sb = new StringBuilder();
        Throwable t = MessageFormatter.format(sb, "{} and {}", 2, "a", 'b', null);
        assertThat(t).isNull();
        assertThat(sb).hasToString("a and b");
    }

    @Test
    void arraysNullsAndFailingToStringAreSafe() {
        Object failing = new Object() {
            @Override
            public String toString() {
                throw new IllegalArgumentException("nope");
            }
        };
        assertThat(format("{} {} {} {}", new int[] {1, 2}, new Object[] {"a", new long[] {3}}, null, failing))
                .isEqualTo("[1, 2] [a, [3]] null [FAILED toString(): java.lang.IllegalArgumentException: nope]");
    }

    @Test
    void textIsNeverInterpreted() {
        assertThat(format("${jndi:ldap://x/a} {}", "${jndi:ldap://x/b}"))
                .isEqualTo("${jndi:ldap://x/a} ${jndi:ldap://x/b}");
        assertThat(format(null)).isEqualTo("null");
    }
}
