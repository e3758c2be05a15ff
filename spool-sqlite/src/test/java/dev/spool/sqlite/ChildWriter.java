package dev.spool.sqlite;

import dev.spool.testkit.jvm.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;

/** Starts {@link SqliteWriterMain} in a JVM of its own ({@link ChildJvm}, named after its run id). */
final class ChildWriter {

    private ChildWriter() {
    }

    /** Starts a child writing {@code count} events (-1: until killed) as run {@code runId}; output in {@code workDir}. */
    static ChildJvm start(Path workDir, Path db, String runId, long count, String batchTime) throws IOException {
        return ChildJvm.builder(SqliteWriterMain.class).name(runId).directory(workDir).separateStderr()
                .outputFile(workDir.resolve(runId + ".out"))
                .args(db.toString(), runId, Long.toString(count), batchTime).start();
    }
}
