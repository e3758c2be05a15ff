package dev.spool.format;

import dev.spool.ContextMap;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.JsonEscaper;

import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code format = ecs}: Elastic Common Schema 8.11, one object per line with dotted keys
 * ({@code "log.level":"INFO"}, as Elastic's own ECS loggers write them); fields and context entries are
 * top-level members. docs/formats.md lists the mapping. Allocates nothing per event once warm, with the
 * same exceptions as {@link JsonFormat}.
 */
final class EcsFormat implements Format {

    static final List<String> KEYS = List.of("@timestamp", "log.level", "message", "log.logger",
            "process.thread.name", "process.thread.id", "event.id", "service.name", "host.hostname",
            "process.pid", "error.type", "error.message", "error.stack_trace", "ecs.version");
    private static final int TIMESTAMP = 0;
    private static final int LEVEL = 1;
    private static final int MESSAGE = 2;
    private static final int LOGGER = 3;
    private static final int THREAD = 4;
    private static final int THREAD_ID = 5;
    private static final int ID = 6;
    private static final int SERVICE = 7;
    private static final int HOST = 8;
    private static final int PID = 9;
    private static final int ERROR_TYPE = 10;
    private static final int ERROR_MESSAGE = 11;
    private static final int ERROR_STACK = 12;
    private static final int ECS_VERSION = 13;

    private final DateToken timestamp = DateToken.of("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", ZoneOffset.UTC);
    private final byte[][] keys;
    private final byte[] statics;

    EcsFormat(JsonKeys rules) {
        this.keys = rules.members(KEYS);
        this.statics = rules.statics();
    }

    @Override
    public void format(LogEvent event, ByteBuilder out) {
        out.append(keys[TIMESTAMP]).append((byte) '"');
        timestamp.render(event, out);
        out.append((byte) '"').append(keys[LEVEL]).append(JsonLevels.NAMES[event.level().ordinal()]);
        out.append(keys[MESSAGE]);
        JsonEscaper.appendString(event.message(), out);
        out.append(keys[LOGGER]);
        JsonEscaper.appendString(event.logger(), out);
        out.append(keys[THREAD]);
        JsonEscaper.appendString(event.threadName(), out);
        out.append(keys[THREAD_ID]).appendDecimal(event.threadId());
        out.append(keys[ID]).append((byte) '"');
        EventToken.appendId(event, out);
        out.append((byte) '"');
        Resource resource = event.resource();
        out.append(keys[SERVICE]);
        JsonEscaper.appendString(resource.service(), out);
        out.append(keys[HOST]);
        JsonEscaper.appendString(resource.host(), out);
        out.append(keys[PID]).appendDecimal(resource.pid());
        topLevelFields(event, out);
        topLevelContext(event.context(), out);
        Throwable throwable = event.throwable();
        if (throwable != null) {
            out.append(keys[ERROR_TYPE]);
            JsonEscaper.appendString(dev.spool.spi.RemoteThrowable.classNameOf(throwable), out);
            String message = UserCode.messageOf(throwable);
            if (message != null) {
                out.append(keys[ERROR_MESSAGE]);
                JsonEscaper.appendString(message, out);
            }
            out.append(keys[ERROR_STACK]).append((byte) '"');
            StackTraceWriter.json(throwable, out);
            out.append((byte) '"');
        }
        out.append(keys[ECS_VERSION]).appendAscii("\"8.11\"");
        out.append(statics).append((byte) '}').append((byte) '\n');
    }

    /** Fields as top-level members, typed as in {@link JsonFormat}. */
    static void topLevelFields(LogEvent event, ByteBuilder out) {
        for (int i = 0; i < event.fieldCount(); i++) {
            out.append((byte) ',');
            JsonEscaper.appendString(event.fieldKey(i), out);
            out.append((byte) ':');
            JsonFormat.appendValue(event.fieldValue(i), out);
        }
    }

    /** Context entries as top-level string members. */
    static void topLevelContext(ContextMap context, ByteBuilder out) {
        for (int i = 0; i < context.size(); i++) {
            out.append((byte) ',');
            JsonEscaper.appendString(context.key(i), out);
            out.append((byte) ':');
            JsonEscaper.appendString(context.value(i), out);
        }
    }
}
