package dev.spool.spi.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

class DiagnosticsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream previous;

    @BeforeEach
    void capture() {
        previous = Diagnostics.redirect(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Diagnostics.redirect(previous);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKeyReportsOnceInItsIntervalAndOtherKeysStillReport() {
        Diagnostics.warn("a", "first", null);
        Diagnostics.warn("a", "second", null);
        Diagnostics.warn("b", "other", new IllegalStateException("why"));

        assertThat(printed()).isEqualTo("spool: first" + System.lineSeparator()
                + "spool: other: java.lang.IllegalStateException: why" + System.lineSeparator());
    }

    @Test
    void aReportAboutAValueBuildsItsMessageOnlyWhenItIsPrinted() {
        AtomicInteger built = new AtomicInteger();
        LongFunction<String> message = value -> {
            built.incrementAndGet();
            return "depth " + value;
        };
        Diagnostics.warn("depth", message, 41);
        Diagnostics.warn("depth", message, 42);
        Diagnostics.warn("depth", message, 43);

        assertThat(printed()).isEqualTo("spool: depth 41" + System.lineSeparator());
        assertThat(built).as("messages built for three reports, two suppressed").hasValue(1);
    }

    @Test
    void theTwoFormsShareTheKeysWindow() {
        Diagnostics.warn("shared", "text", null);
        Diagnostics.warn("shared", value -> "value " + value, 1);

        assertThat(printed()).isEqualTo("spool: text" + System.lineSeparator());
    }
}
