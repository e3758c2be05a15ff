package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code format = logstash}: the JSON that logstash-logback-encoder writes and Logstash's {@code json_lines}
 * codec reads ({@code @timestamp}, {@code @version}, {@code message}, {@code logger_name}, ...); fields and
 * context entries are top-level members. Allocates nothing per event once warm, with the same exceptions
 * as {@link JsonFormat}.
 */
final class LogstashFormat implements Format {

    static final List<String> KEYS = List.of("@timestamp", "@version", "message", "logger_name", "thread_name",
            "level", "level_value", "stack_trace");
    private static final int TIMESTAMP = 0;
    private static final int VERSION = 1;
    private static final int MESSAGE = 2;
    private static final int LOGGER = 3;
    private static final int THREAD = 4;
    private static final int LEVEL = 5;
    private static final int LEVEL_VALUE = 6;
    private static final int STACK = 7;

    /** Logback's level numbers by level ordinal; FATAL, which Logback lacks, one step above ERROR. */
    private static final int[] LEVEL_VALUES = {5_000, 10_000, 20_000, 30_000, 40_000, 50_000};

    private final DateToken timestamp = DateToken.of("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", ZoneOffset.UTC);
    private final byte[][] keys;
    private final byte[] statics;

    LogstashFormat(JsonKeys rules) {
        this.keys = rules.members(KEYS);
        this.statics = rules.statics();
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        out.append(keys[TIMESTAMP]).append((byte) '"');
        timestamp.render(event, out);
        out.append((byte) '"').append(keys[VERSION]).appendAscii("\"1\"");
        out.append(keys[MESSAGE]);
        JsonEscaper.appendString(event.message(), out);
        out.append(keys[LOGGER]);
        JsonEscaper.appendString(event.logger(), out);
        out.append(keys[THREAD]);
        JsonEscaper.appendString(event.threadName(), out);
        out.append(keys[LEVEL]).append(JsonLevels.NAMES[event.level().ordinal()]);
        out.append(keys[LEVEL_VALUE]).appendDecimal(LEVEL_VALUES[event.level().ordinal()]);
        EcsFormat.topLevelFields(event, out);
        EcsFormat.topLevelContext(event.context(), out);
        Throwable throwable = event.throwable();
        if (throwable != null) {
            out.append(keys[STACK]).append((byte) '"');
            StackTraceWriter.json(throwable, out);
            out.append((byte) '"');
        }
        out.append(statics).append((byte) '}').append((byte) '\n');
    }
}
