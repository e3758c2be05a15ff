package dev.spool.collector.otlp;

import dev.spool.spi.LogEvent;

import java.util.List;

/**
 * Reads an OTLP/HTTP logs request body ({@code ExportLogsServiceRequest}, protobuf or JSON) into events,
 * mapped as docs/otlp.md describes. Hand-written on the JDK alone, so the collector pulls in no protobuf
 * runtime (docs/decisions/otlp.md has the measurement). Hostile input is refused, never trusted: lengths are
 * checked against what remains before anything is allocated, strings must be valid UTF-8, an
 * {@code AnyValue} may nest {@value AnyValues#MAX_DEPTH} levels. Stateless and thread-safe.
 */
public final class OtlpLogsDecoder {

    /** Deepest {@code AnyValue} nesting accepted. */
    public static final int MAX_ANY_VALUE_DEPTH = AnyValues.MAX_DEPTH;

    private OtlpLogsDecoder() {
    }

    /**
     * Decodes {@code bytes[offset, offset + length)}.
     *
     * @param json OTLP/JSON rather than protobuf
     * @return the events in request order; each remembers whether its id came from {@code log.record.uid}
     * @throws IllegalArgumentException saying what is wrong; then no event is returned
     */
    public static List<? extends LogEvent> decode(byte[] bytes, int offset, int length, boolean json) {
        return json ? new JsonLogsReader().read(bytes, offset, length)
                : new ProtobufLogsReader(bytes, offset, length).read();
    }

    /** Whether {@code event} (from {@link #decode}) carries the sender's id, so that it can de-duplicate a resend. */
    public static boolean hasSenderId(LogEvent event) {
        return event instanceof OtlpEvent && ((OtlpEvent) event).idFromSender;
    }
}
