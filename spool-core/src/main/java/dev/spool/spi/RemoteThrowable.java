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

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? className : className + ": " + message;
    }
}
