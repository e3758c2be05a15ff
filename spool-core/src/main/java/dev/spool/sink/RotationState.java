package dev.spool.sink;

import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The small state file the processes writing one rolling file share, {@code <file>.state} beside it:
 * the next scheduled rotation, so that all of them rotate at the same boundary and only once, and the
 * settings of the process that wrote it last, so that processes configured differently find out.
 *
 * <p>Read and written only under the {@link ProcessLock}. A file that cannot be read or parsed (absent,
 * or torn by a process killed while writing it) counts as absent and is written again. A mismatch of
 * settings is reported through {@link Diagnostics} (key {@code sink.multiprocess.settings}); each process
 * keeps rotating by its own settings.
 */
final class RotationState {

    /** What {@link #read()} returns when there is no usable state. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private static final String HEADER = "# spool rolling-file state, shared by the processes writing this file";
    private static final String NEXT = "nextRotationMillis=";
    private static final String SETTINGS = "settings=";
    private static final String PID = "pid=";
    private static final String END = "end\n"; // last, so a torn write is never taken for a whole one

    private final Path path;
    private final Path logFile;
    private final String settings;

    /** @param settings this process's settings in one line, compared as text with the other processes' */
    RotationState(Path path, Path logFile, String settings) {
        this.path = path;
        this.logFile = logFile;
        this.settings = settings;
    }

    /**
     * The next rotation time the file holds ({@link Long#MAX_VALUE} for none), or {@link #UNKNOWN};
     * reports when the writer of the file had other settings.
     */
    long read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return UNKNOWN;
        } catch (IOException | RuntimeException e) {
            Diagnostics.warn("sink.multiprocess.state", "could not read " + path + "; writing it anew", e);
            return UNKNOWN;
        }
        String next = value(text, NEXT);
        String theirs = value(text, SETTINGS);
        if (!text.endsWith(END) || next == null || theirs == null) {
            return UNKNOWN;
        }
        if (!theirs.equals(settings)) {
            Diagnostics.warn("sink.multiprocess.settings", "processes writing " + logFile
                    + " have different settings: this one (pid " + ProcessHandle.current().pid() + ") has ["
                    + settings + "], pid " + value(text, PID) + " has [" + theirs
                    + "]; each rotates by its own, configure them alike", null);
        }
        try {
            return Long.parseLong(next);
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    private static String value(String text, String key) {
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(key)) {
                return line.substring(key.length());
            }
        }
        return null;
    }

    /** Records the next rotation time and this process's settings. Failures are reported, not thrown. */
    void write(long nextRotationMillis) {
        String text = HEADER + "\n" + NEXT + nextRotationMillis + "\n" + SETTINGS + settings + "\n"
                + PID + ProcessHandle.current().pid() + "\n" + END;
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Diagnostics.warn("sink.multiprocess.state", "could not write " + path
                    + "; other processes may rotate at their own time", e);
        }
    }
}
