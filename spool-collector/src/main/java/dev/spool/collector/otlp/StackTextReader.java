package dev.spool.collector.otlp;

import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.RemoteThrowable;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds an exception from the {@code exception.*} attributes: the type and message as given, the
 * frames and causes from {@code exception.stacktrace} when it is in Java's layout ({@code \tat} frames,
 * {@code Caused by:} lines). Lines it does not recognise ({@code ... n more}, {@code Suppressed:}) are
 * skipped; a text in another language's layout leaves the exception without frames.
 */
final class StackTextReader {

    private static final String AT = "\tat ";
    private static final String CAUSED_BY = "Caused by: ";
    private static final int MAX_CAUSES = 100;

    private StackTextReader() {
    }

    static RemoteThrowable read(String type, String message, String stack) {
        List<String> headers = new ArrayList<>();
        List<List<StackTraceElement>> frames = new ArrayList<>();
        if (stack != null) {
            for (String line : stack.split("\r?\n")) {
                if (line.startsWith(AT) && !frames.isEmpty()) {
                    frames.get(frames.size() - 1).add(JsonEventReader.frame(line.substring(AT.length())));
                } else if (line.startsWith(CAUSED_BY) && !headers.isEmpty() && headers.size() < MAX_CAUSES) {
                    headers.add(line.substring(CAUSED_BY.length()));
                    frames.add(new ArrayList<>());
                } else if (headers.isEmpty()) {
                    headers.add(line);
                    frames.add(new ArrayList<>());
                }
            }
        }
        RemoteThrowable cause = null;
        for (int i = headers.size() - 1; i >= 1; i--) {
            String header = headers.get(i);
            int colon = header.indexOf(": ");
            cause = new RemoteThrowable(colon < 0 ? header : header.substring(0, colon),
                    colon < 0 ? null : header.substring(colon + 2), frames.get(i).toArray(new StackTraceElement[0]), cause);
        }
        StackTraceElement[] top = frames.isEmpty() ? new StackTraceElement[0] : frames.get(0).toArray(new StackTraceElement[0]);
        String topType = type;
        if (topType == null && !headers.isEmpty()) {
            int colon = headers.get(0).indexOf(": ");
            topType = colon < 0 ? headers.get(0) : headers.get(0).substring(0, colon);
        }
        return new RemoteThrowable(topType, message, top, cause);
    }
}
