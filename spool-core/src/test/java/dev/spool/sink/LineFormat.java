package dev.spool.sink;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.TestEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The smallest format for sink tests: the message and a newline. Plus helpers to make and read lines. */
final class LineFormat implements Format {

    static final LineFormat LINES = new LineFormat();

    private LineFormat() {
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        out.appendUtf8(event.message()).append((byte) '\n');
    }

    /** An event whose line is {@code e<number>} padded with dots to {@code width} characters. */
    static TestEvent numbered(int number, int width) {
        StringBuilder text = new StringBuilder("e").append(number);
        while (text.length() < width) {
            text.append('.');
        }
        return TestEvent.event().message(text.toString());
    }

    /** The number in a line made by {@link #numbered}. */
    static int numberOf(String line) {
        int end = line.indexOf('.');
        return Integer.parseInt(line.substring(1, end < 0 ? line.length() : end));
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
