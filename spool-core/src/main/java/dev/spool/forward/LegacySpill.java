package dev.spool.forward;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Takes up a spill file left by a Spool version whose {@code spill} was one file of JSON lines rather than
 * a queue directory: the file is moved aside ({@code <spill>.lines}) so the directory can take its
 * place, then its whole lines are appended to the queue, oldest first, and it is deleted. A line cut
 * short by a crash was never sent whole and is dropped, as before. Runs once, when the destination opens.
 */
final class LegacySpill {

    private LegacySpill() {
    }

    /** Moves a spill file found at {@code spill} out of the directory's way; returns where it is, or null. */
    static Path moveAside(Path spill) throws IOException {
        Path aside = spill.resolveSibling(spill.getFileName() + ".lines");
        if (Files.isRegularFile(spill)) {
            Files.move(spill, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.isRegularFile(aside) ? aside : null;
    }

    /**
     * Appends the whole lines of {@code file} to {@code queue} in records of about {@code recordBytes},
     * then deletes it. If the queue is full, keeps the file and says so (the next start tries again).
     */
    static void takeUp(Path file, DurableQueue queue, long recordBytes) throws IOException {
        ByteBuilder record = new ByteBuilder(64 * 1024);
        byte[] chunk = new byte[64 * 1024];
        int lines = 0;
        int wholeEnd = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                record.append(chunk, 0, n);
                for (int i = record.length() - n; i < record.length(); i++) {
                    if (record.byteAt(i) == '\n') {
                        lines++;
                        wholeEnd = i + 1;
                    }
                }
                if (wholeEnd >= recordBytes) {
                    if (!appendWholeLines(queue, record, wholeEnd, lines, file)) {
                        return;
                    }
                    lines = 0;
                    wholeEnd = 0;
                }
            }
        }
        if (lines > 0 && !appendWholeLines(queue, record, wholeEnd, lines, file)) { // a torn last line stays out
            return;
        }
        Files.delete(file);
        Diagnostics.info("took up the events left in " + file + " by an earlier Spool version");
    }

    /** Appends the first {@code bytes} of {@code record} and keeps only what follows them. */
    private static boolean appendWholeLines(DurableQueue queue, ByteBuilder record, int bytes, int lines, Path file)
            throws IOException {
        byte[] rest = java.util.Arrays.copyOfRange(record.array(), bytes, record.length());
        record.truncate(bytes);
        if (!queue.append(record, lines)) {
            Diagnostics.warn("forward.legacy." + file, "the spill queue " + queue.settings().dir() + " is full;"
                    + " events left in " + file + " by an earlier Spool version wait for the next start", null);
            return false;
        }
        record.clear();
        record.append(rest);
        return true;
    }
}
