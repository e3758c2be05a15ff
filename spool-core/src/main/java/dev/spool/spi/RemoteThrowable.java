package dev.spool.spi;

/**
 * An exception that happened in another process, rebuilt from its description (class name, message,
 * stack frames, cause) so it can be written like a local one. Formats print {@link #className()}, the
 * original class, not this class. Never thrown by Spool.
 */
public final class RemoteThrowable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String className;

    /**
     * @param className the original exception's class name
     * @param message   its message, or null
     * @param frames    its stack, outermost call last
     * @param cause     its cause (rebuilt the same way), or null
     */
    public RemoteThrowable(String className, String message, StackTraceElement[] frames, RemoteThrowable cause) {
        super(message, cause, true, true);
        this.className = className == null || className.isBlank() ? "unknown" : className;
        setStackTrace(frames == null ? new StackTraceElement[0] : frames);
    }

    /** The class name of the exception this describes. */
    public String className() {
        return className;
    }

    /** The class name to print for any throwable: the original one for a remote exception. */
    public static String classNameOf(Throwable t) {
        return t instanceof RemoteThrowable ? ((RemoteThrowable) t).className : t.getClass().getName();
    }

    /**
     * The frame a formatted frame's text describes: the reverse of how the formats write one,
     * {@code a.b.C.m(C.java:10)}, {@code a.b.C.m(Native Method)}, {@code a.b.C.m(Unknown Source)}. Text of
     * another shape becomes a frame whose class name is the whole text, so it prints as it came.
     */
    public static StackTraceElement frameOf(String text) {
        int open = text.lastIndexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return new StackTraceElement(text, "", null, -1);
        }
        String method = text.substring(0, open);
        int dot = method.lastIndexOf('.');
        String className = dot < 0 ? "" : method.substring(0, dot);
        String methodName = method.substring(dot + 1);
        String location = text.substring(open + 1, text.length() - 1);
        if (location.equals("Native Method")) {
            return new StackTraceElement(className, methodName, null, -2);
        }
        if (location.equals("Unknown Source")) {
            return new StackTraceElement(className, methodName, null, -1);
        }
        int colon = location.lastIndexOf(':');
        if (colon > 0 && location.substring(colon + 1).matches("0|[1-9][0-9]{0,8}")) {
            return new StackTraceElement(className, methodName, location.substring(0, colon),
                    Integer.parseInt(location.substring(colon + 1)));
        }
        return new StackTraceElement(className, methodName, location, -1);
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? className : className + ": " + message;
    }
}
