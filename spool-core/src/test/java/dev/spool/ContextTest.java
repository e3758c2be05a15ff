package dev.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContextTest {

    @AfterEach
    void clear() {
        Context.clear();
    }

    @Test
    void mapsAreImmutableAndSorted() {
        ContextMap a = ContextMap.EMPTY.with("b", "2").with("a", "1");
        ContextMap b = a.with("c", "3");
        assertThat(a.toMap()).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.without("a").get("a")).isNull();
        assertThat(a.with("a", null).toMap()).isEqualTo(a.without("a").with("x", null).toMap()).containsOnlyKeys("b");
    }

    @Test
    void scopedCorrelationIdRestoresThePreviousValue() {
        Context.put(Context.CORRELATION_ID, "outer");
        try (Context.Scope s = Spool.correlationId("inner")) {
            assertThat(Context.get(Context.CORRELATION_ID)).isEqualTo("inner");
        }
        assertThat(Context.get(Context.CORRELATION_ID)).isEqualTo("outer");
        try (Context.Scope s = Context.scoped("user", "42")) {
            assertThat(Context.current().get("user")).isEqualTo("42");
        }
        assertThat(Context.current().get("user")).isNull();
    }

    @Test
    void anEventKeepsTheContextItWasLoggedWith() {
        Context.put("k", "v1");
        ContextMap captured = Context.current();
        Context.put("k", "v2");
        assertThat(captured.get("k")).isEqualTo("v1");
    }
}
