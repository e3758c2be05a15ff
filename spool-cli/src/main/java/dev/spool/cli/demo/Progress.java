package dev.spool.cli.demo;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;

/** Shows how far a phase has come, on stderr so stdout stays a clean result. Called from one thread. */
interface Progress {

    /** {@code done} events of the total are logged. */
    void update(long done);

    /** The phase is over (everything logged and written). */
    void finish(long done);

    /** A redrawn bar when a person is watching a terminal, otherwise a few plain lines for log files and CI. */
    static Progress on(PrintWriter err, String label, long total) {
        return isTerminal() ? new ProgressBar(err, label, total) : new ProgressLines(err, label, total);
    }

    /**
     * Whether the JVM runs attached to a terminal. From JDK 22 {@code System.console()} also returns a
     * console when output is redirected, so {@code Console.isTerminal()} is asked where it exists.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Percent of {@code total} that {@code done} is, 100 for an empty total. */
    static int percent(long done, long total) {
        return total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    }
}
