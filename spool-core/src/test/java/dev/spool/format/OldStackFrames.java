package dev.spool.format;

import dev.spool.spi.ByteBuilder;

/**
 * FROZEN COPY of main's code at 52855be (before branch throwable-fast), kept only as the reference that
 * ThrowableBytesTest compares today's rendering with, byte for byte. Do not edit.
 *
 * <p>Original comment:
 * How a stack frame reads in both formats: {@code a.b.C.m(C.java:10)}, {@code (Native Method)},
 * {@code (Unknown Source)}, like {@link StackTraceElement#toString()} without the class loader and module
 * prefixes, written without building a String.
 */
final class OldStackFrames {

    private OldStackFrames() {
    }

    static void append(StackTraceElement frame, Escaper escaper, ByteBuilder out) {
        escaper.append(frame.getClassName(), out);
        out.append((byte) '.');
        escaper.append(frame.getMethodName(), out);
        out.append((byte) '(');
        String file = frame.getFileName();
        if (frame.isNativeMethod()) {
            out.appendAscii("Native Method");
        } else if (file == null) {
            out.appendAscii("Unknown Source");
        } else {
            escaper.append(file, out);
            if (frame.getLineNumber() >= 0) {
                out.append((byte) ':').appendDecimal(frame.getLineNumber());
            }
        }
        out.append((byte) ')');
    }

    /** Number of frames at the bottom of {@code trace} that {@code enclosing} also ends with. */
    static int inCommon(StackTraceElement[] trace, StackTraceElement[] enclosing) {
        int m = trace.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return trace.length - 1 - m;
    }
}
