package dev.spool.format;

import java.io.IOException;

/** Exceptions with fixed stack traces, so golden tests do not depend on where they were thrown. */
final class Exceptions {

    private Exceptions() {
    }

    static StackTraceElement frame(String className, String method, String file, int line) {
        return new StackTraceElement(className, method, file, line);
    }

    /**
     * An IOException ("disk full") with a suppressed RuntimeException ("close failed") and an
     * IllegalStateException cause whose message holds a newline; each shares its last two frames with
     * the IOException.
     */
    static IOException diskFull() {
        IOException top = new IOException("disk full");
        top.setStackTrace(new StackTraceElement[] {
            frame("app.Store", "save", "Store.java", 42),
            frame("app.Main", "run", "Main.java", 10),
            frame("app.Main", "main", "Main.java", 5)});
        IllegalStateException cause = new IllegalStateException("no space\nleft");
        cause.setStackTrace(new StackTraceElement[] {
            frame("app.Disk", "write", "Disk.java", 7),
            frame("app.Main", "run", "Main.java", 10),
            frame("app.Main", "main", "Main.java", 5)});
        RuntimeException suppressed = new RuntimeException("close failed");
        suppressed.setStackTrace(new StackTraceElement[] {
            frame("app.Store", "close", "Store.java", 50),
            frame("app.Main", "run", "Main.java", 10),
            frame("app.Main", "main", "Main.java", 5)});
        top.initCause(cause);
        top.addSuppressed(suppressed);
        return top;
    }

    /** Frames of every kind StackTraceElement distinguishes: native, no file, no line. */
    static RuntimeException oddFrames() {
        RuntimeException e = new RuntimeException();
        e.setStackTrace(new StackTraceElement[] {
            frame("jdk.Native", "call", null, -2),
            frame("app.Generated", "run", null, -1),
            frame("app.NoLines", "go", "NoLines.java", -1)});
        return e;
    }
}
