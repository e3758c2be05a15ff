package dev.spool.format;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.LineEscaper;

import java.nio.charset.StandardCharsets;

/** The pattern tokens that take no option and keep no state: one constant per part of the event. */
abstract class EventToken extends Token {

    static final EventToken LEVEL = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            out.append(LEVEL_NAMES[event.level().ordinal()]);
        }

        @Override
        Token followedBy(byte[] suffix) {
            return LevelTextToken.of(LEVEL_NAMES, suffix);
        }
    };
    static final EventToken THREAD_ID = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            out.appendDecimal(event.threadId());
        }
    };
    static final EventToken MESSAGE = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            LineEscaper.append(event.message(), out);
        }

        @Override
        Token followedBy(byte[] suffix) {
            return new MessageThen(suffix);
        }
    };
    static final EventToken NEWLINE = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            out.append((byte) '\n');
        }

        @Override
        byte[] fixedBytes() {
            return new byte[] {'\n'};
        }

        @Override
        Token followedBy(byte[] suffix) {
            return new LiteralToken(concat(fixedBytes(), suffix));
        }
    };
    static final EventToken CONTEXT = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            ContextMap context = event.context();
            out.append((byte) '{');
            for (int i = 0; i < context.size(); i++) {
                if (i > 0) {
                    out.append((byte) ',').append((byte) ' ');
                }
                LineEscaper.append(context.key(i), out);
                out.append((byte) '=');
                LineEscaper.append(context.value(i), out);
            }
            out.append((byte) '}');
        }
    };
    /** {@code %ctx}: the context as {@code %kv} writes fields, so {@code %m%kv%ctx} reads as one line of pairs. */
    static final EventToken CONTEXT_PAIRS = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            ContextMap context = event.context();
            for (int i = 0; i < context.size(); i++) {
                out.append((byte) ' ');
                LineEscaper.append(context.key(i), out);
                out.append((byte) '=');
                LineEscaper.append(context.value(i), out);
            }
        }
    };
    static final EventToken ID = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            appendId(event, out);
        }
    };
    static final EventToken SERVICE = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            LineEscaper.append(event.resource().service(), out);
        }
    };
    static final EventToken HOST = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            LineEscaper.append(event.resource().host(), out);
        }
    };
    static final EventToken PID = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            out.appendDecimal(event.resource().pid());
        }
    };
    static final EventToken UNIX_MILLIS = new EventToken() {
        @Override
        void render(LogEvent event, ByteBuilder out) {
            out.appendDecimal(Math.floorDiv(event.timestampMicros(), 1_000L));
        }
    };

    private static final byte[][] LEVEL_NAMES = levelNames();

    private EventToken() {
    }

    /** {@code %m} and the fixed text after it ({@code %n} in most patterns): one call instead of two. */
    static final class MessageThen extends Token {

        private final byte[] suffix;

        MessageThen(byte[] suffix) {
            this.suffix = suffix;
        }

        @Override
        void render(LogEvent event, ByteBuilder out) {
            LineEscaper.append(event.message(), out);
            out.append(suffix);
        }

        @Override
        Token followedBy(byte[] more) {
            return new MessageThen(concat(suffix, more));
        }
    }

    /** Writes the 26-character event id in place, so no scratch array is needed. */
    static void appendId(LogEvent event, ByteBuilder out) {
        int at = out.length();
        out.repeat((byte) '0', EventId.TEXT_LENGTH);
        EventId.encode(event.idHigh(), event.idLow(), out.array(), at);
    }

    private static byte[][] levelNames() {
        Level[] levels = Level.values();
        byte[][] names = new byte[levels.length][];
        for (Level level : levels) {
            names[level.ordinal()] = level.name().getBytes(StandardCharsets.US_ASCII);
        }
        return names;
    }
}
