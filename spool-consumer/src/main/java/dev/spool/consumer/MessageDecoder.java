package dev.spool.consumer;

import dev.spool.collector.json.JsonEventReader;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonReader;
import dev.spool.spi.support.LineEnds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Checks one message against docs/amqp.md and reads its events: size limits first (before any
 * allocation that depends on what the sender claims), then the encoding (gzip inflated under a bound, so
 * a small bomb cannot expand past {@code maxDecodedBytes}), the {@code spool-schema} header, and every
 * line with the strict {@link JsonEventReader}. A message with one bad line is refused whole: it is
 * dead-lettered as it came, so it can be inspected, fixed and re-driven as one unit. A message in
 * Loghive's structure ({@link LoghiveMessage}) is recognised by its keys when {@link ConsumerSettings.Accept} allows it.
 *
 * <p>Not thread-safe (the reader is not): one per worker.
 */
final class MessageDecoder {

    static final String SCHEMA_HEADER = "spool-schema";
    static final String EVENTS_HEADER = "spool-events";

    private final int maxMessageBytes;
    private final int maxDecodedBytes;
    private final int maxEventBytes;
    private final JsonEventReader reader;
    private final ConsumerSettings.Accept accept;
    private final ZoneId loghiveZone;

    MessageDecoder(int maxMessageBytes, int maxDecodedBytes, int maxEventBytes) {
        this(maxMessageBytes, maxDecodedBytes, maxEventBytes, ConsumerSettings.Accept.AUTO, ZoneId.of("UTC"));
    }

    MessageDecoder(int maxMessageBytes, int maxDecodedBytes, int maxEventBytes, ConsumerSettings.Accept accept, ZoneId loghiveZone) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxDecodedBytes = maxDecodedBytes;
        this.maxEventBytes = maxEventBytes;
        this.reader = new JsonEventReader(maxEventBytes);
        this.accept = accept;
        this.loghiveZone = loghiveZone;
    }

    /**
     * The events of one message, with where each line is in the decoded text (for dead-lettering one
     * refused event as the line it came as).
     */
    record Decoded(byte[] text, List<LogEvent> events, int[] lineStarts, int[] lineLengths) {

        byte[] line(int index) {
            return Arrays.copyOfRange(text, lineStarts[index], lineStarts[index] + lineLengths[index]);
        }
    }

    /** @throws InvalidMessage saying why the message can never be stored */
    Decoded decode(String contentEncoding, Map<String, Object> headers, byte[] body) throws InvalidMessage {
        if (body.length > maxMessageBytes) {
            throw new InvalidMessage(DeadReason.TOO_LARGE, "body of " + body.length + " bytes is over the limit of "
                    + maxMessageBytes);
        }
        checkSchema(headers);
        byte[] text = decodeBody(contentEncoding, body);
        if (accept != ConsumerSettings.Accept.SPOOL && (accept == ConsumerSettings.Accept.LOGHIVE || headers == null || !headers.containsKey(SCHEMA_HEADER))) {
            Decoded loghive = loghive(text);
            if (loghive != null) {
                return loghive;
            }
        }
        List<LogEvent> events = new ArrayList<>();
        int[] starts = new int[16];
        int[] lengths = new int[16];
        int lineNumber = 0;
        for (int start = 0; start < text.length; ) {
            int end = LineEnds.next(text, start, text.length);
            int length = end - start;
            lineNumber++;
            if (length > 0 && !(length == 1 && text[start] == '\r')) {
                if (events.size() == starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                    lengths = Arrays.copyOf(lengths, lengths.length * 2);
                }
                events.add(read(text, start, length, lineNumber));
                starts[events.size() - 1] = start;
                lengths[events.size() - 1] = length;
            }
            start = end + 1;
        }
        if (events.isEmpty()) {
            throw new InvalidMessage(DeadReason.BAD_EVENT, "the body holds no event (" + text.length + " bytes)");
        }
        checkCount(headers, events.size());
        return new Decoded(text, events, starts, lengths);
    }

    /**
     * The event of a message in Loghive's structure, or null when it is not one (and Spool's lines are
     * accepted too). One JSON object makes the whole body, so a body of several lines is Spool's.
     */
    private Decoded loghive(byte[] text) throws InvalidMessage {
        if (text.length > maxEventBytes) {
            if (accept == ConsumerSettings.Accept.LOGHIVE) {
                throw new InvalidMessage(DeadReason.TOO_LARGE, "Loghive message of " + text.length
                        + " bytes is over the limit of " + maxEventBytes);
            }
            return null;
        }
        Map<String, Object> object;
        try {
            object = JsonReader.readObject(text, 0, text.length);
        } catch (IllegalArgumentException e) {
            if (accept == ConsumerSettings.Accept.LOGHIVE) {
                throw new InvalidMessage(validUtf8(text, 0, text.length) ? DeadReason.BAD_EVENT : DeadReason.BAD_UTF8,
                        "not a Loghive message (one JSON object expected): " + e.getMessage());
            }
            return null; // JSON Lines, or not JSON: the strict line reader says what is wrong
        }
        if (!LoghiveMessage.looksLike(object)) {
            if (accept == ConsumerSettings.Accept.LOGHIVE) {
                throw new InvalidMessage(DeadReason.BAD_EVENT, "not a Loghive message: expected the keys service,"
                        + " level, message and timestamp (and no 'v'), found " + object.keySet());
            }
            return null;
        }
        LogEvent event = LoghiveMessage.read(object, text, loghiveZone);
        return new Decoded(text, List.of(event), new int[] {0}, new int[] {text.length});
    }

    private LogEvent read(byte[] text, int start, int length, int lineNumber) throws InvalidMessage {
        if (length > maxEventBytes) {
            throw new InvalidMessage(DeadReason.TOO_LARGE, "line " + lineNumber + ": event of " + length
                    + " bytes is over the limit of " + maxEventBytes);
        }
        try {
            return reader.read(text, start, length);
        } catch (IllegalArgumentException e) {
            if (!validUtf8(text, start, length)) {
                throw new InvalidMessage(DeadReason.BAD_UTF8, "line " + lineNumber + " is not valid UTF-8 ("
                        + e.getMessage() + ")");
            }
            throw new InvalidMessage(DeadReason.BAD_EVENT, "line " + lineNumber + ": " + e.getMessage());
        }
    }

    private static void checkSchema(Map<String, Object> headers) throws InvalidMessage {
        Object schema = headers == null ? null : headers.get(SCHEMA_HEADER);
        // Absent is accepted (a raw publisher in another language); each line still carries "v":1.
        if (schema != null && number(schema) != 1) {
            throw new InvalidMessage(DeadReason.BAD_SCHEMA, "header " + SCHEMA_HEADER + " is '" + schema
                    + "': expected 1 (the JSON Lines schema this consumer reads)");
        }
    }

    private static void checkCount(Map<String, Object> headers, int lines) throws InvalidMessage {
        Object count = headers == null ? null : headers.get(EVENTS_HEADER);
        if (count != null && number(count) != lines) {
            throw new InvalidMessage(DeadReason.BAD_EVENT, "header " + EVENTS_HEADER + " is '" + count
                    + "' but the body holds " + lines + " events");
        }
    }

    /** A header's value as a number, or -1 when it is not one (AMQP tables carry ints, longs or strings). */
    private static long number(Object value) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private byte[] decodeBody(String contentEncoding, byte[] body) throws InvalidMessage {
        if (contentEncoding == null || contentEncoding.isEmpty() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!contentEncoding.equalsIgnoreCase("gzip")) {
            throw new InvalidMessage(DeadReason.BAD_ENCODING, "content_encoding '" + contentEncoding
                    + "' is not supported: expected gzip or none");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), 8192)) {
            byte[] out = new byte[Math.min(maxDecodedBytes, Math.max(4096, body.length * 4))];
            int size = 0;
            for (int n; (n = in.read(out, size, out.length - size)) >= 0; ) {
                size += n;
                if (size == out.length) {
                    if (size >= maxDecodedBytes) {
                        if (in.read() >= 0) {
                            throw new InvalidMessage(DeadReason.TOO_LARGE, "gzip body of " + body.length
                                    + " bytes inflates past the limit of " + maxDecodedBytes + " bytes");
                        }
                        break;
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxDecodedBytes, 2L * out.length));
                }
            }
            return size == out.length ? out : Arrays.copyOf(out, size);
        } catch (IOException e) {
            throw new InvalidMessage(DeadReason.BAD_GZIP, "content_encoding is gzip but the body of " + body.length
                    + " bytes is not a valid gzip stream: " + e.getMessage());
        }
    }

    private static boolean validUtf8(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
