package dev.spool.format;

import dev.spool.ContextMap;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.util.List;

/**
 * {@code format = gelf}: Graylog Extended Log Format 1.1, one object per line (for a file or TCP input
 * read line by line). Fields and context entries become additional fields: an underscore is put in front
 * of a name that lacks one, characters GELF does not allow in names (anything but letters, digits,
 * {@code _ . -}) become {@code _}, and {@code id}, which Graylog reserves, is written as {@code __id}.
 * Allocates nothing per event once warm, with the same exceptions as {@link JsonFormat}.
 */
final class GelfFormat implements Format {

    static final List<String> KEYS = List.of("version", "host", "short_message", "full_message", "timestamp",
            "level", "_level_name", "_process_pid", "_process_thread_name", "_process_thread_id",
            "_service_name", "_log_logger", "_event_id", "_error_type", "_error_message", "_error_stack_trace");
    private static final int VERSION = 0;
    private static final int HOST = 1;
    private static final int SHORT_MESSAGE = 2;
    private static final int FULL_MESSAGE = 3;
    private static final int TIMESTAMP = 4;
    private static final int LEVEL = 5;
    private static final int LEVEL_NAME = 6;
    private static final int PID = 7;
    private static final int THREAD = 8;
    private static final int THREAD_ID = 9;
    private static final int SERVICE = 10;
    private static final int LOGGER = 11;
    private static final int ID = 12;
    private static final int ERROR_TYPE = 13;
    private static final int ERROR_MESSAGE = 14;
    private static final int ERROR_STACK = 15;

    /** Syslog severities by level ordinal: TRACE and DEBUG 7, INFO 6, WARN 4, ERROR 3, FATAL 2. */
    private static final int[] SYSLOG = {7, 7, 6, 4, 3, 2};

    private final byte[][] keys;
    private final byte[] statics;

    GelfFormat(JsonKeys rules) {
        this.keys = rules.members(KEYS);
        this.statics = rules.statics();
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        Resource resource = event.resource();
        out.append(keys[VERSION]).appendAscii("\"1.1\"");
        out.append(keys[HOST]);
        JsonEscaper.appendString(resource.host(), out);
        out.append(keys[SHORT_MESSAGE]);
        CharSequence message = event.message();
        if (isBlank(message)) {
            out.appendAscii("\"(blank)\""); // Graylog refuses a message without text
        } else {
            JsonEscaper.appendString(message, out);
        }
        Throwable throwable = event.throwable();
        if (throwable != null) {
            out.append(keys[FULL_MESSAGE]).append((byte) '"');
            JsonEscaper.appendContent(message, 0, message.length(), out);
            out.appendAscii("\\n\\n");
            StackTraceWriter.json(throwable, out);
            out.append((byte) '"');
        }
        out.append(keys[TIMESTAMP]);
        appendSeconds(event.timestampMicros(), out);
        out.append(keys[LEVEL]).appendDecimal(SYSLOG[event.level().ordinal()]);
        out.append(keys[LEVEL_NAME]).append(JsonLevels.NAMES[event.level().ordinal()]);
        out.append(keys[PID]).appendDecimal(resource.pid());
        out.append(keys[THREAD]);
        JsonEscaper.appendString(event.threadName(), out);
        out.append(keys[THREAD_ID]).appendDecimal(event.threadId());
        out.append(keys[SERVICE]);
        JsonEscaper.appendString(resource.service(), out);
        out.append(keys[LOGGER]);
        JsonEscaper.appendString(event.logger(), out);
        out.append(keys[ID]).append((byte) '"');
        EventToken.appendId(event, out);
        out.append((byte) '"');
        for (int i = 0; i < event.fieldCount(); i++) {
            additionalName(event.fieldKey(i), out);
            JsonFormat.appendValue(event.fieldValue(i), out);
        }
        ContextMap context = event.context();
        for (int i = 0; i < context.size(); i++) {
            additionalName(context.key(i), out);
            JsonEscaper.appendString(context.value(i), out);
        }
        if (throwable != null) {
            out.append(keys[ERROR_TYPE]);
            JsonEscaper.appendString(dev.spool.spi.RemoteThrowable.classNameOf(throwable), out);
            String errorMessage = UserCode.messageOf(throwable);
            if (errorMessage != null) {
                out.append(keys[ERROR_MESSAGE]);
                JsonEscaper.appendString(errorMessage, out);
            }
            out.append(keys[ERROR_STACK]).append((byte) '"');
            StackTraceWriter.json(throwable, out);
            out.append((byte) '"');
        }
        out.append(statics).append((byte) '}').append((byte) '\n');
    }

    /** Seconds since the epoch with six decimals: {@code 1763769301.123456}. */
    static void appendSeconds(long micros, ByteBuilder out) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        if (seconds < 0 && fraction != 0) {
            // -0.5 s is floor -1 plus 0.5: write it as -0.500000, the number it is.
            out.append((byte) '-').appendDecimal(-(seconds + 1)).append((byte) '.').appendPadded(1_000_000L - fraction, 6);
            return;
        }
        out.appendDecimal(seconds).append((byte) '.').appendPadded(fraction, 6);
    }

    /** {@code ,"_name":} with the name made GELF-legal. */
    private static void additionalName(String name, ByteBuilder out) {
        out.appendAscii(",\"");
        if (name == null || name.isEmpty()) {
            out.append((byte) '_');
        } else if (name.equals("id") || name.equals("_id")) {
            out.appendAscii("__id");
        } else {
            if (name.charAt(0) != '_') {
                out.append((byte) '_');
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '.' || c == '-';
                out.append(legal ? (byte) c : (byte) '_');
            }
        }
        out.appendAscii("\":");
    }

    private static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
