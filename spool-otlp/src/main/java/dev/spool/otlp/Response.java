package dev.spool.otlp;

import dev.spool.spi.support.JsonReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What an OTLP/HTTP answer means for a batch (the OTLP specification's rules): 2xx delivered, perhaps
 * with a partial success; 429, 502, 503 and 504 retried, after {@code Retry-After} when given; every
 * other status refused for good.
 */
final class Response {

    /** Longest {@code Retry-After} honoured: a bigger one (or a date far ahead) is cut to this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private Response() {
    }

    static boolean delivered(int status) {
        return status >= 200 && status < 300;
    }

    static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** The {@code Retry-After} wait in nanoseconds (seconds or an HTTP date), or -1 if absent or unreadable. */
    static long retryAfterNanos(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String h = header.trim();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? -1 : Math.min(seconds, MAX_RETRY_AFTER.toSeconds()) * 1_000_000_000L;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                long millis = at.toInstant().toEpochMilli() - System.currentTimeMillis();
                return Math.max(0, Math.min(millis, MAX_RETRY_AFTER.toMillis())) * 1_000_000L;
            } catch (RuntimeException notDate) {
                return -1;
            }
        }
    }

    /**
     * The {@code rejected_log_records} of a success body, 0 when there is none; {@code message} gets the
     * error message, if any. A body that cannot be read counts as no partial success.
     */
    static long rejectedRecords(byte[] body, int length, boolean json, StringBuilder message) {
        if (length == 0) {
            return 0;
        }
        try {
            return json ? rejectedJson(body, length, message) : rejectedProtobuf(body, length, message);
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private static long rejectedJson(byte[] body, int length, StringBuilder message) {
        Object parsed = JsonReader.parse(body, 0, length);
        if (!(parsed instanceof Map) || !(((Map<?, ?>) parsed).get("partialSuccess") instanceof Map)) {
            return 0;
        }
        Map<?, ?> partial = (Map<?, ?>) ((Map<?, ?>) parsed).get("partialSuccess");
        Object error = partial.get("errorMessage");
        if (error instanceof String) {
            message.append((String) error);
        }
        Object rejected = partial.get("rejectedLogRecords");
        if (rejected instanceof Number) {
            return ((Number) rejected).longValue();
        }
        return rejected instanceof String ? Long.parseLong((String) rejected) : 0;
    }

    /** ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1 { int64 rejected = 1; string msg = 2 } }. */
    private static long rejectedProtobuf(byte[] body, int length, StringBuilder message) {
        long[] at = {0};
        long rejected = 0;
        while (at[0] < length) {
            long key = varint(body, at, length);
            if (key == ((1 << 3) | ProtoWriter.LENGTH_DELIMITED)) {
                int size = (int) varint(body, at, length);
                int end = (int) at[0] + size;
                if (size < 0 || end > length) {
                    return 0;
                }
                while (at[0] < end) {
                    long inner = varint(body, at, end);
                    if (inner == ((1 << 3) | ProtoWriter.VARINT)) {
                        rejected = varint(body, at, end);
                    } else if (inner == ((2 << 3) | ProtoWriter.LENGTH_DELIMITED)) {
                        int n = (int) varint(body, at, end);
                        if (n < 0 || at[0] + n > end) {
                            return rejected;
                        }
                        message.append(new String(body, (int) at[0], n, StandardCharsets.UTF_8));
                        at[0] += n;
                    } else {
                        return rejected; // unknown field: what was read stands
                    }
                }
            } else {
                return rejected;
            }
        }
        return rejected;
    }

    private static long varint(byte[] b, long[] at, int end) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= end) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte x = b[(int) at[0]++];
            value |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
