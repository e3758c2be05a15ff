package dev.spool.sink;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.spool.sink.LineFormat.LINES;
import static dev.spool.sink.LineFormat.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lock file's lock as this JVM sees it: the test stands in for "other code" that locks it directly. */
class ProcessLockIT {

    @TempDir
    Path dir;

    private Path lockFile() {
        return dir.resolve("app.log.lock");
    }

    /** Whether some code of this JVM holds the file lock (the JDK refuses a second one). */
    private boolean fileLockHeld() throws IOException {
        try (FileChannel other = FileChannel.open(lockFile(), StandardOpenOption.WRITE);
             FileLock probe = other.tryLock()) {
            return probe == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    @Test
    void isReentrantAndReleasesTheFileLockWithTheOutermostUnlock() throws IOException {
        ProcessLock lock = ProcessLock.forFile(lockFile());
        try {
            lock.lock();
            lock.lock();
            lock.unlock();
            assertThat(fileLockHeld()).as("still held after the inner unlock").isTrue();
            lock.unlock();
            assertThat(fileLockHeld()).as("released with the outermost unlock").isFalse();
        } finally {
            lock.release();
        }
    }

    @Test
    void twoSpellingsOfOnePathShareOneLock() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        ProcessLock first = ProcessLock.forFile(lockFile());
        ProcessLock second = ProcessLock.forFile(dir.resolve("sub").resolve("..").resolve("app.log.lock"));
        try {
            assertThat(second).isSameAs(first);
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void aLockTakenByOtherCodeOfThisJvmFailsTheTurnAndTheBatchIsKeptForTheNextFlush() throws IOException {
        Path log = dir.resolve("app.log");
        try (RollingFileSink sink = RollingFileSink.builder(log, LINES).maxSizeBytes(1000).multiProcess(true)
                .build()) {
            try (FileChannel other = FileChannel.open(lockFile(), StandardOpenOption.WRITE);
                 FileLock ignored = other.lock()) {
                sink.write(TestEvent.event().message("kept"));
                assertThatThrownBy(sink::flush).isInstanceOf(IOException.class)
                        .hasMessageContaining("locked by other code in this JVM")
                        .hasCauseInstanceOf(OverlappingFileLockException.class);
                assertThat(sink.hasBacklog()).isTrue();
            }
            sink.flush();
            assertThat(sink.hasBacklog()).isFalse();
        }
        assertThat(lines(log)).containsExactly("kept");
    }
}
