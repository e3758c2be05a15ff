package dev.spool.bench.run;

import org.slf4j.Logger;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A call shape of the end-to-end benchmark: the logging call every producer makes, and the message line
 * it must leave in the file, so the file check knows each shape's expected line.
 *
 * <p>Every shape but {@link #ARGS0} carries the producer's event index in its message, so the check sees
 * loss, duplication and reordering; {@link #ARGS0} logs a constant (the ordinary no-argument call), so
 * only loss and duplication per producer (told apart by the thread name) can be seen. Shapes that carry
 * the producer number in the message ({@code Thread <t> log <i>}) are checked against the thread name too.
 *
 * <p>Each shape except {@link #SPOOL_API} is called through SLF4J 2 identically for every backend;
 * {@link #SPOOL_API} calls {@code dev.spool.Logger} directly and runs only with Spool (see {@link SpoolApiCall}).
 */
public enum Shape {

    /** {@code log.info("Event without arguments")}. */
    ARGS0("args0", "`log.info(\"Event without arguments\")`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Event without arguments");
        }

        @Override
        public String message(int thread, int index) {
            return "Event without arguments";
        }
    },
    /** One argument, the index boxed by the call. */
    ARGS1("args1", "`log.info(\"Event {}\", i)`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Event {}", index);
        }

        @Override
        public String message(int thread, int index) {
            return "Event " + index;
        }
    },
    /** Two arguments: SLF4J's two-argument method, no varargs array. */
    ARGS2("args2", "`log.info(\"Thread {} log {}\", t, i)`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {}", thread, index);
        }

        @Override
        public String message(int thread, int index) {
            return "Thread " + thread + " log " + index;
        }
    },
    /** The benchmark's historic call: three arguments through SLF4J's varargs method. */
    ARGS3("args3", "`log.info(\"Thread {} log {} value={}\", t, i, 42)`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {} value={}", thread, index, 42);
        }

        @Override
        public String message(int thread, int index) {
            return "Thread " + thread + " log " + index + " value=42";
        }
    },
    /** Four arguments through the varargs method. */
    ARGS4("args4", "`log.info(\"Thread {} log {} value={} of {}\", t, i, 42, 7)`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {} value={} of {}", thread, index, 42, 7);
        }

        @Override
        public String message(int thread, int index) {
            return "Thread " + thread + " log " + index + " value=42 of 7";
        }
    },
    /** Primitive int, long and double arguments: the call boxes each (a long and a double always allocate). */
    UNBOXED("unboxed", "`log.info(\"Thread {} log {} bytes={} ratio={}\", t, i, (long) i * 1024, i + 0.5)` "
            + "with primitives, boxed by the call") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {} bytes={} ratio={}", thread, index, (long) index * 1024, index + 0.5);
        }

        @Override
        public String message(int thread, int index) {
            return numbers(thread, index, (long) index * 1024, index + 0.5);
        }
    },
    /** The same message with arguments that are already objects (boxed before the run), so the call boxes nothing. */
    BOXED("boxed", "the `unboxed` message with `Integer`, `Long` and `Double` arguments boxed before the run") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {} bytes={} ratio={}", Boxes.THREADS[thread], Boxes.index(index),
                    Boxes.LONGS[index & Boxes.MASK], Boxes.DOUBLES[index & Boxes.MASK]);
        }

        @Override
        public String message(int thread, int index) {
            return numbers(thread, index, (long) (index & Boxes.MASK) * 1024, (index & Boxes.MASK) + 0.5);
        }

        @Override
        public void prepare(int perThread) {
            Boxes.prepare(perThread);
        }
    },
    /** String arguments (constants the caller already holds). */
    STRINGS("strings", "`log.info(\"Thread {} log {} user={} action={}\", t, i, \"alice\", \"login\")`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {} user={} action={}", thread, index, "alice", "login");
        }

        @Override
        public String message(int thread, int index) {
            return "Thread " + thread + " log " + index + " user=alice action=login";
        }
    },
    /** A throwable as the last argument: the stack trace of {@link #FAILURE} follows every line. */
    THROWABLE("throwable", "`log.info(\"Thread {} log {} failed\", t, i, e)`, `e` an exception made once with a "
            + "three-frame stack") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.info("Thread {} log {} failed", thread, index, FAILURE);
        }

        @Override
        public String message(int thread, int index) {
            return "Thread " + thread + " log " + index + " failed";
        }

        @Override
        public boolean throwable() {
            return true;
        }
    },
    /** Key/values through SLF4J 2's fluent API; each backend's pattern prints them (see {@link #pattern}). */
    KV("kv", "`log.atInfo().addKeyValue(\"user\", \"alice\").addKeyValue(\"attempt\", 3).log(\"Thread {} log {}\", t, i)`") {
        @Override
        public void log(Logger log, int thread, int index) {
            log.atInfo().addKeyValue("user", "alice").addKeyValue("attempt", 3).log("Thread {} log {}", thread, index);
        }

        @Override
        public String message(int thread, int index) {
            return "Thread " + thread + " log " + index;
        }

        @Override
        public String pattern(String family, String base) {
            return base.replace("%m%n", "%m" + KV_TOKENS.get(family) + "%n");
        }

        @Override
        public String kvSuffix(String family) {
            switch (family) {
                case "spool": return " user=alice attempt=3";
                case "logback": return " user=\"alice\" attempt=\"3\"";
                case "log4j2": return " {attempt=3, user=alice}";
                default: return "";
            }
        }
    },
    /** Spool's own API, {@code dev.spool.Logger}: the {@link #ARGS2} message; runs with Spool only. */
    SPOOL_API("spool-api", "`logger.info(\"Thread {} log {}\", t, i)` on `dev.spool.Logger` (Spool only; "
            + "compared with the peers' `args2`)") {
        @Override
        public void log(Logger log, int thread, int index) {
            throw new UnsupportedOperationException("the spool-api shape calls dev.spool.Logger: see SpoolApiCall");
        }

        @Override
        public String message(int thread, int index) {
            return ARGS2.message(thread, index);
        }

        @Override
        public boolean slf4j() {
            return false;
        }

        @Override
        public Shape peerEquivalent() {
            return ARGS2;
        }
    };

    /** The shape the historic single-shape report measured; its table covers every thread count. */
    public static final Shape MAIN = ARGS3;
    /** The exception of {@link #THROWABLE}: its class and message start the stack trace's first line. */
    public static final String FAILURE_HEADER = "java.lang.IllegalStateException: bench failure";
    static final IllegalStateException FAILURE = failure();
    /**
     * What prints the key/values of {@link #KV} after the message, per backend family: Spool's {@code %kv},
     * Logback's {@code %kvp}, and Log4j 2's {@code %X} (its SLF4J 2 bridge puts an event's key/values into
     * the thread context map for the call).
     */
    private static final java.util.Map<String, String> KV_TOKENS = java.util.Map.of(
            "spool", "%kv", "logback", " %kvp", "log4j2", " %X");

    private final String id;
    private final String call;

    Shape(String id, String call) {
        this.id = id;
        this.call = call;
    }

    /** The id used on the command line and in the report, such as {@code args3}. */
    public String id() {
        return id;
    }

    /** The call, in Markdown, for the report. */
    public String call() {
        return call;
    }

    /** Logs event {@code index} of producer {@code thread} through SLF4J. */
    public abstract void log(Logger log, int thread, int index);

    /** The message text event {@code index} of producer {@code thread} leaves after {@code " - "}. */
    public abstract String message(int thread, int index);

    /** Whether a stack trace follows every line. */
    public boolean throwable() {
        return false;
    }

    /** Whether the shape is called through SLF4J (every backend) rather than Spool's own API. */
    public boolean slf4j() {
        return true;
    }

    /** The SLF4J shape a Spool-only shape is compared with; itself for the SLF4J shapes. */
    public Shape peerEquivalent() {
        return this;
    }

    /** What follows the message on the line for backend family {@code family}: the key/values, if any. */
    public String kvSuffix(String family) {
        return "";
    }

    /** The pattern family {@code family} formats this shape with, from the pattern every shape shares. */
    public String pattern(String family, String base) {
        return base;
    }

    /** Makes what the calls need before the producers start (outside the timed part). */
    public void prepare(int perThread) {
    }

    /** The shape with {@code id}. */
    public static Shape byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown shape '" + id + "': expected one of "
                        + Stream.of(values()).map(Shape::id).toList()));
    }

    /** Every shape, in report order. */
    public static List<Shape> all() {
        return List.of(values());
    }

    private static String numbers(int thread, int index, long bytes, double ratio) {
        return "Thread " + thread + " log " + index + " bytes=" + bytes + " ratio=" + ratio;
    }

    private static IllegalStateException failure() {
        IllegalStateException e = new IllegalStateException("bench failure");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("bench.Service", "handle", "Service.java", 42),
            new StackTraceElement("bench.Dispatcher", "dispatch", "Dispatcher.java", 17),
            new StackTraceElement("bench.Worker", "run", "Worker.java", 8)});
        return e;
    }

    /**
     * The arguments of {@link #BOXED}, made before the run: the index of every event (all producers log the
     * same indexes), and 4,096 longs and doubles used in turn.
     */
    private static final class Boxes {
        static final int MASK = 4095;
        static final Long[] LONGS = new Long[MASK + 1];
        static final Double[] DOUBLES = new Double[MASK + 1];
        static final Integer[] THREADS = new Integer[1024];
        private static Integer[] indexes = new Integer[0];

        static {
            for (int i = 0; i <= MASK; i++) {
                LONGS[i] = (long) i * 1024;
                DOUBLES[i] = i + 0.5;
            }
            for (int t = 0; t < THREADS.length; t++) {
                THREADS[t] = t;
            }
        }

        static Integer index(int index) {
            return indexes[index];
        }

        static void prepare(int perThread) {
            Integer[] made = new Integer[perThread];
            for (int i = 0; i < perThread; i++) {
                made[i] = i;
            }
            indexes = made;
        }
    }
}
