package dev.spool.alert;

import dev.spool.spi.support.Diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what {@link Diagnostics} prints while a test runs. */
final class Capture implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream previous;

    Capture() {
        previous = Diagnostics.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        Diagnostics.redirect(previous);
    }
}
