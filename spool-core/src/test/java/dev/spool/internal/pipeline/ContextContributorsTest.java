package dev.spool.internal.pipeline;

import dev.spool.ContextMap;
import dev.spool.spi.ContextContributor;
import dev.spool.spi.support.Diagnostics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ContextContributorsTest {

    private static final ContextMap USER = ContextMap.EMPTY.with("user", "ann");

    @Test
    void passesTheContextThroughEachContributorInTurn() {
        ContextContributors contributors = new ContextContributors(List.of(
                context -> context.with("trace_id", "t1"),
                context -> context.with("seen", context.get("trace_id"))));

        assertThat(contributors.apply(USER).toMap())
                .containsEntry("user", "ann").containsEntry("trace_id", "t1").containsEntry("seen", "t1");
    }

    @Test
    void withNoContributorsReturnsTheContextItself() {
        assertThat(new ContextContributors(List.of()).apply(USER)).isSameAs(USER);
    }

    @Test
    void treatsANullResultAsNothingAdded() {
        assertThat(new ContextContributors(List.of(context -> null)).apply(USER)).isSameAs(USER);
    }

    @Test
    void switchesOffAContributorThatThrowsAndReportsIt() {
        AtomicInteger calls = new AtomicInteger();
        ContextContributor broken = context -> {
            calls.incrementAndGet();
            throw new IllegalStateException("tracer gone");
        };
        ContextContributors contributors = new ContextContributors(List.of(broken, context -> context.with("k", "v")));
        ByteArrayOutputStream reports = new ByteArrayOutputStream();
        PrintStream previous = Diagnostics.redirect(new PrintStream(reports, true, StandardCharsets.UTF_8));
        try {
            ContextMap first = contributors.apply(USER);
            ContextMap second = contributors.apply(USER);

            assertThat(first.get("k")).isEqualTo("v");
            assertThat(second.get("k")).isEqualTo("v");
        } finally {
            Diagnostics.redirect(previous);
        }
        assertThat(calls).hasValue(1);
        assertThat(reports.toString(StandardCharsets.UTF_8)).contains("spool: ", "failed and is no longer called",
                "tracer gone");
    }
}
