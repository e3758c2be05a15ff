package dev.spool;

/**
 * Builds one event with structured key/values and an optional exception, then logs it:
 * {@code log.atInfo().kv("user_id", 123).kv("action", "login").log("User action")}, or with message
 * arguments kept unboxed: {@code log.atInfo().arg(user).arg(millis).log("{} took {} ms")}.
 *
 * <p>Builders are reused per thread to avoid allocation: use one within a single statement, on the
 * thread that obtained it, and do not keep it. A builder started while the thread's builder is in use
 * (a field value computed by code that itself logs) is a fresh one, so neither event is lost; so is every
 * builder of a thread that started one and never logged it. Field values are captured when {@code kv}
 * is called: strings, numbers and booleans as they are, anything else as its {@code toString()}.
 */
public final class EventBuilder {

    static final EventBuilder DISABLED = new EventBuilder(true);
    private static final ThreadLocal<EventBuilder> REUSABLE = ThreadLocal.withInitial(() -> new EventBuilder(false));

    private final boolean disabled;
    private Logger logger;    // set from begin() until the event is logged: the builder is in use
    private Level level;
    private final Fields fields;
    private final ArgumentList args;
    private Throwable thrown;

    private EventBuilder(boolean disabled) {
        this.disabled = disabled;
        this.fields = disabled ? null : new Fields(8);
        this.args = disabled ? null : new ArgumentList(4);
    }

    static EventBuilder begin(Logger logger, Level level) {
        EventBuilder b = REUSABLE.get();
        if (b.logger != null) {
            // In use: this event's fields or arguments are being computed, or its arguments' toString()
            // runs, by code that logs. The outer event keeps the thread's builder.
            b = new EventBuilder(false);
        }
        b.logger = logger;
        b.level = level;
        b.fields.clear();
        b.args.clear();
        b.thrown = null;
        return b;
    }

    /** Adds a field. A null key is ignored; a null value is recorded as the string {@code "null"}. */
    public EventBuilder kv(String key, Object value) {
        if (!disabled && key != null) {
            fields.add(key, value instanceof String || value instanceof Number || value instanceof Boolean
                    ? value : String.valueOf(value));
        }
        return this;
    }

    public EventBuilder kv(String key, long value) {
        if (!disabled && key != null) {
            fields.add(key, value);
        }
        return this;
    }

    public EventBuilder kv(String key, double value) {
        if (!disabled && key != null) {
            fields.add(key, value);
        }
        return this;
    }

    public EventBuilder kv(String key, boolean value) {
        if (!disabled && key != null) {
            fields.add(key, value);
        }
        return this;
    }

    /**
     * Adds every entry of {@code map} as {@link #kv(String, Object)} does, in the map's iteration order: a
     * dict of fields from elsewhere. A null map adds nothing.
     */
    public EventBuilder fields(java.util.Map<String, ?> map) {
        if (!disabled && map != null) {
            for (java.util.Map.Entry<String, ?> e : map.entrySet()) {
                kv(e.getKey(), e.getValue());
            }
        }
        return this;
    }

    /**
     * Adds the next argument of the message's {@code {}} placeholders: arguments added this way come
     * first, then any passed to {@code log}. The primitive overloads keep numbers unboxed, so
     * {@code log.atInfo().arg(user).arg(millis).log("{} took {} ms")} allocates nothing; each prints what
     * its boxed value would. A trailing Throwable argument is the event's exception, as in {@link Logger}.
     */
    public EventBuilder arg(Object value) {
        if (!disabled) {
            args.add(value);
        }
        return this;
    }

    /** Adds an argument; {@code byte}, {@code short} and {@code int} arguments come here too. */
    public EventBuilder arg(long value) {
        if (!disabled) {
            args.add(value);
        }
        return this;
    }

    /** Adds an argument. */
    public EventBuilder arg(double value) {
        if (!disabled) {
            args.add(value);
        }
        return this;
    }

    /** Adds an argument, printed as a float (not widened to a double's digits). */
    public EventBuilder arg(float value) {
        if (!disabled) {
            args.add(value);
        }
        return this;
    }

    /** Adds an argument, printed as the character (not its code). */
    public EventBuilder arg(char value) {
        if (!disabled) {
            args.add(value);
        }
        return this;
    }

    /** Attaches an exception (its stack trace and causes are written with the event). */
    public EventBuilder exception(Throwable throwable) {
        if (!disabled) {
            thrown = throwable;
        }
        return this;
    }

    public void log(String message) {
        emit(message, 0, null, null, null);
    }

    public void log(String pattern, Object arg) {
        emit(pattern, 1, arg, null, null);
    }

    public void log(String pattern, Object a, Object b) {
        emit(pattern, 2, a, b, null);
    }

    public void log(String pattern, Object... args) {
        emit(pattern, 0, null, null, args);
    }

    private void emit(String pattern, int argc, Object a0, Object a1, Object[] more) {
        if (disabled || logger == null) {
            return;
        }
        try {
            if (args.size() == 0) {
                logger.emit(level, pattern, argc, a0, a1, more, thrown, fields);
            } else {
                args.addAll(argc, a0, a1, more);
                logger.emit(level, pattern, args, thrown, fields);
            }
        } finally {
            fields.clear();
            args.clear();
            thrown = null;
            logger = null;
        }
    }
}
