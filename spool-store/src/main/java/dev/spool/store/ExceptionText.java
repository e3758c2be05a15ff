package dev.spool.store;

import dev.spool.format.JsonFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.RemoteThrowable;
import dev.spool.spi.support.JsonReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both stores keep in their {@code exception} column, and how it is read back.
 *
 * <p>Rows hold the exception object of the JSON Lines format ({@link #json}): the same class, message,
 * frame text, causes and suppressed exceptions a {@code json} file holds. Rows written by earlier versions,
 * and rows whose object is longer than the column keeps, hold plain text ({@link #of}): class, message and
 * stack of a throwable and of its causes, each cause introduced by {@code Caused by: }. {@link #read} takes
 * either, so a database written before reads as it did. Stateless.
 */
public final class ExceptionText {

    private static final int MAX_CAUSES = 32;
    private static final String CAUSED_BY = "Caused by: ";
    private static final String FRAME = "\tat ";

    private ExceptionText() {
    }

    /** The JSON object of {@code t} (built in {@code scratch}, which it clears), or null for no throwable. */
    public static String json(Throwable t, ByteBuilder scratch) {
        if (t == null) {
            return null;
        }
        scratch.clear();
        JsonFormat.appendException(t, scratch);
        return scratch.toString();
    }

    /** The plain text of {@code t} built in {@code scratch} (which it clears), or null for no throwable. */
    public static String of(Throwable t, StringBuilder scratch) {
        if (t == null) {
            return null;
        }
        scratch.setLength(0);
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = t;
        for (int depth = 0; current != null && depth < MAX_CAUSES && seen.put(current, Boolean.TRUE) == null; depth++) {
            if (depth > 0) {
                scratch.append(CAUSED_BY);
            }
            scratch.append(RemoteThrowable.classNameOf(current));
            String message = current.getMessage();
            if (message != null) {
                scratch.append(": ").append(message);
            }
            scratch.append('\n');
            for (StackTraceElement frame : current.getStackTrace()) {
                scratch.append(FRAME).append(frame).append('\n');
            }
            current = current.getCause();
        }
        return scratch.toString();
    }

    /**
     * The exception a column holds, in either form, or null for null. Text that is neither a whole JSON
     * object nor the plain form (a cut object, text written by hand) becomes an exception whose message is
     * that text, so nothing stored is hidden.
     */
    public static RemoteThrowable read(String column) {
        if (column == null) {
            return null;
        }
        if (column.startsWith("{\"class\":")) {
            try {
                byte[] bytes = column.getBytes(StandardCharsets.UTF_8);
                return throwable(JsonReader.readObject(bytes, 0, bytes.length));
            } catch (IllegalArgumentException | ClassCastException cut) {
                return new RemoteThrowable("unknown", column, null, null);
            }
        }
        return plain(column);
    }

    private static RemoteThrowable throwable(Map<String, Object> json) {
        Object causeJson = json.get("cause");
        RemoteThrowable cause = causeJson == null ? null : throwable(object(causeJson));
        List<?> stack = json.get("stack") == null ? List.of() : (List<?>) json.get("stack");
        StackTraceElement[] frames = new StackTraceElement[stack.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = RemoteThrowable.frameOf((String) stack.get(i));
        }
        RemoteThrowable t = new RemoteThrowable((String) json.get("class"), (String) json.get("message"), frames, cause);
        if (json.get("suppressed") != null) {
            for (Object s : (List<?>) json.get("suppressed")) {
                t.addSuppressed(throwable(object(s)));
            }
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }

    /** Reads the plain form back: a header (class and message, which may span lines), frames, causes. */
    private static RemoteThrowable plain(String text) {
        List<String> headers = new ArrayList<>();
        List<List<StackTraceElement>> stacks = new ArrayList<>();
        StringBuilder header = null;
        for (String line : text.split("\n", -1)) {
            if (header == null || line.startsWith(CAUSED_BY)) {
                header = new StringBuilder(header == null ? line : line.substring(CAUSED_BY.length()));
                headers.add(null);
                stacks.add(new ArrayList<>());
            } else if (line.startsWith(FRAME)) {
                stacks.get(stacks.size() - 1).add(RemoteThrowable.frameOf(line.substring(FRAME.length())));
            } else if (stacks.get(stacks.size() - 1).isEmpty() && !line.isEmpty()) {
                header.append('\n').append(line); // a message of several lines
            }
            headers.set(headers.size() - 1, header.toString());
        }
        RemoteThrowable cause = null;
        for (int i = headers.size() - 1; i >= 0; i--) {
            String h = headers.get(i);
            int colon = h.indexOf(": ");
            cause = new RemoteThrowable(colon < 0 ? h : h.substring(0, colon), colon < 0 ? null : h.substring(colon + 2),
                    stacks.get(i).toArray(new StackTraceElement[0]), cause);
        }
        return cause;
    }
}
