package dev.spool.log4j;

import dev.spool.EventBuilder;
import dev.spool.Logger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.MessageFactory;
import org.apache.logging.log4j.message.ParameterizedMessageFactory;
import org.apache.logging.log4j.message.ReusableMessageFactory;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.apache.logging.log4j.spi.AbstractLogger;
import org.apache.logging.log4j.util.IndexedReadOnlyStringMap;

/**
 * A Log4j {@code ExtendedLogger} that hands every call to a Spool {@link Logger}.
 *
 * <p>With Log4j's default message factories ({@code {}} placeholders), a call with a String message and
 * zero, one or two parameters goes straight to Spool as pattern and arguments, without a Log4j
 * {@link Message}: once warm it allocates nothing. Everything else (other {@link Message} types, a
 * logger made with another message factory such as {@code LogManager.getFormatterLogger}, suppliers,
 * the {@code LogBuilder}) is turned into a {@link Message} by {@link AbstractLogger} and arrives at
 * {@link #logMessage(String, Level, Marker, Message, Throwable)}, which logs its formatted text.
 *
 * <p>What becomes a field: a marker's name ({@value #MARKERS_FIELD}); a non-standard level's name
 * ({@value #LEVEL_FIELD}); every entry of a {@link MapMessage} with its type kept (String, number,
 * boolean; other values as text), and for a {@link StructuredDataMessage} its id ({@value #SD_ID_FIELD})
 * and type ({@value #SD_TYPE_FIELD}), its message text being the event's message.
 */
final class SpoolLog4jLogger extends AbstractLogger {

    static final String MARKERS_FIELD = "markers";
    static final String LEVEL_FIELD = "log4j_level";
    static final String SD_ID_FIELD = "sd_id";
    static final String SD_TYPE_FIELD = "sd_type";

    private final transient Logger logger;
    /** Whether the message factory reads {@code {}} placeholders as Spool does, so Spool may format. */
    private final boolean spoolFormats;

    SpoolLog4jLogger(String name, MessageFactory messageFactory, Logger logger) {
        super(name, messageFactory);
        this.logger = logger;
        MessageFactory used = getMessageFactory();
        this.spoolFormats = used instanceof ParameterizedMessageFactory || used instanceof ReusableMessageFactory;
    }

    @Override
    public Level getLevel() {
        for (dev.spool.Level level : dev.spool.Level.values()) {
            if (logger.isEnabled(level)) {
                return Levels.toLog4j(level);
            }
        }
        return Level.OFF;
    }

    /** A null level is never enabled: the call is ignored rather than thrown into the caller. */
    private boolean enabled(Level level) {
        return level != null && logger.isEnabled(Levels.toSpool(level));
    }

    // ---------------------------------------------------------------- level checks (all the same)

    @Override public boolean isEnabled(Level level, Marker marker, Message message, Throwable t) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, CharSequence message, Throwable t) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, Object message, Throwable t) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Throwable t) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object... params) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3, Object p4) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3, Object p4, Object p5) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3, Object p4, Object p5, Object p6) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3, Object p4, Object p5, Object p6, Object p7) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3, Object p4, Object p5, Object p6, Object p7, Object p8) { return enabled(level); }
    @Override public boolean isEnabled(Level level, Marker marker, String message, Object p0, Object p1, Object p2,
                                       Object p3, Object p4, Object p5, Object p6, Object p7, Object p8, Object p9) {
        return enabled(level);
    }

    // ---------------------------------------------------------------- the direct paths

    @Override
    protected void logMessage(String fqcn, Level level, Marker marker, String message) {
        if (spoolFormats) {
            direct(level, marker, message, 0, null, null, null, null);
        } else {
            super.logMessage(fqcn, level, marker, message);
        }
    }

    @Override
    protected void logMessage(String fqcn, Level level, Marker marker, String message, Throwable thrown) {
        if (spoolFormats) {
            direct(level, marker, message, 0, null, null, null, thrown);
        } else {
            super.logMessage(fqcn, level, marker, message, thrown);
        }
    }

    @Override
    protected void logMessage(String fqcn, Level level, Marker marker, String message, Object p0) {
        if (spoolFormats) {
            direct(level, marker, message, 1, p0, null, null, null);
        } else {
            super.logMessage(fqcn, level, marker, message, p0);
        }
    }

    @Override
    protected void logMessage(String fqcn, Level level, Marker marker, String message, Object p0, Object p1) {
        if (spoolFormats) {
            direct(level, marker, message, 2, p0, p1, null, null);
        } else {
            super.logMessage(fqcn, level, marker, message, p0, p1);
        }
    }

    @Override
    protected void logMessage(String fqcn, Level level, Marker marker, String message, Object... params) {
        if (spoolFormats) {
            direct(level, marker, message, 0, null, null, params == null ? new Object[0] : params, null);
        } else {
            super.logMessage(fqcn, level, marker, message, params);
        }
    }

    /**
     * A String message and its parameters, formatted by Spool. The plain case (a standard level, no
     * marker) is Spool's allocation-free entry point; a marker or a custom level adds a field through
     * the thread's reusable builder.
     */
    private void direct(Level level, Marker marker, String pattern, int argc, Object a0, Object a1, Object[] args,
                        Throwable thrown) {
        if (level == null) {
            return;
        }
        dev.spool.Level spoolLevel = Levels.toSpool(level);
        if (marker == null && Levels.isStandard(level)) {
            logger.log(spoolLevel, pattern, argc, a0, a1, args, thrown);
            return;
        }
        if (!logger.isEnabled(spoolLevel)) {
            return;
        }
        EventBuilder builder = annotate(logger.at(spoolLevel), level, marker).exception(thrown);
        if (args != null) {
            builder.log(pattern, args);
        } else if (argc == 2) {
            builder.log(pattern, a0, a1);
        } else if (argc == 1) {
            builder.log(pattern, a0);
        } else {
            builder.log(pattern);
        }
    }

    // ---------------------------------------------------------------- every other message

    /**
     * A Log4j {@link Message}: its formatted text is the event's message (taken literally, never read
     * for placeholders again); a {@link MapMessage}'s entries become fields.
     */
    @Override
    public void logMessage(String fqcn, Level level, Marker marker, Message message, Throwable thrown) {
        if (!enabled(level)) {
            return;
        }
        Throwable cause = thrown != null || message == null ? thrown : message.getThrowable();
        EventBuilder builder = annotate(logger.at(Levels.toSpool(level)), level, marker).exception(cause);
        String text;
        if (message instanceof MapMessage) {
            text = mapFields((MapMessage<?, ?>) message, builder);
        } else {
            text = message == null ? "null" : message.getFormattedMessage();
        }
        builder.log(text);
    }

    private static EventBuilder annotate(EventBuilder builder, Level level, Marker marker) {
        if (marker != null) {
            builder.kv(MARKERS_FIELD, marker.getName());
        }
        if (!Levels.isStandard(level)) {
            builder.kv(LEVEL_FIELD, level.name());
        }
        return builder;
    }

    /** Adds the map's entries as fields; returns the event's text (a structured-data message's own text). */
    private static String mapFields(MapMessage<?, ?> message, EventBuilder builder) {
        String text = "";
        if (message instanceof StructuredDataMessage) {
            StructuredDataMessage data = (StructuredDataMessage) message;
            if (data.getId() != null) {
                builder.kv(SD_ID_FIELD, data.getId().toString());
            }
            if (data.getType() != null) {
                builder.kv(SD_TYPE_FIELD, data.getType());
            }
            text = data.getFormat() == null ? "" : data.getFormat();
        }
        IndexedReadOnlyStringMap entries = message.getIndexedReadOnlyStringMap();
        for (int i = 0; i < entries.size(); i++) {
            Object value = entries.getValueAt(i);
            builder.kv(entries.getKeyAt(i), value);
        }
        return text;
    }
}
