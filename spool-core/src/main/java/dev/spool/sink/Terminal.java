package dev.spool.sink;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether the console is a terminal that takes colour, decided once when a console destination is
 * configured: a console is attached, {@code TERM} is not {@code dumb} and {@code NO_COLOR} is unset or empty
 * (no-color.org). Output piped to a file or another program gets no escape codes.
 */
final class Terminal {

    private Terminal() {
    }

    /** For the running process. */
    static boolean takesColor() {
        return takesColor(System.getenv(), interactive());
    }

    /** For {@code env} and whether a console is attached; the decision, apart from the process. */
    static boolean takesColor(Map<String, String> env, boolean interactive) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return interactive && !"dumb".equals(env.get("TERM"));
    }

    /**
     * Whether standard input and output are a terminal. Up to JDK 21 {@code System.console()} is null
     * otherwise; from JDK 22 it may be non-null when redirected, and {@code Console.isTerminal()} (looked up
     * by name, as this is compiled for 17) says.
     */
    private static boolean interactive() {
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
}
