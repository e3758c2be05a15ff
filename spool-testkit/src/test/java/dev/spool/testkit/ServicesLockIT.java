package dev.spool.testkit;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ServicesLock} against {@code flock(1)} itself, on a lock file of the test's own. */
class ServicesLockIT {

    private static final Duration COMMAND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A child's main: takes the lock file given as its argument, with a 2 s wait, and says so. */
    public static final class Taker {
        public static void main(String[] args) throws Exception {
            try (ServicesLock ignored = ServicesLock.acquire(Path.of(args[0]), Duration.ofSeconds(2))) {
                System.out.println("ACQUIRED");
            }
        }
    }

    private static boolean freeForFlock(Path file) {
        return HostCommand.run(COMMAND, "flock", "--nonblock", file.toString(), "true").ok();
    }

    @Test
    void holdsTheLockAgainstFlockUntilClosed() throws Exception {
        Path file = dir.resolve("services.lock");
        try (ServicesLock ignored = ServicesLock.acquire(file, Duration.ofSeconds(5))) {
            assertThat(freeForFlock(file)).as("flock --nonblock while held").isFalse();
        }
        assertThat(freeForFlock(file)).as("flock --nonblock once closed").isTrue();
    }

    @Test
    void failsNamingTheFileWhenItIsNotFreeInTime() throws Exception {
        Path file = dir.resolve("services.lock");
        try (ServicesLock ignored = ServicesLock.acquire(file, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> ServicesLock.acquire(file, Duration.ofSeconds(1)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining(file + " was not free within PT1S");
        }
    }

    @Test
    void aProcessRunUnderFlockOfTheLockTakesItAtOnce() throws Exception {
        Path file = dir.resolve("services.lock");
        ChildJvm child = ChildJvm.builder(Taker.class).args(file.toString()).configure(b -> {
            List<String> command = new ArrayList<>(List.of("flock", file.toString()));
            command.addAll(b.command());
            return b.command(command);
        }).run(Duration.ofSeconds(60));
        assertThat(child.exitValue()).as(child.output()).isZero();
        assertThat(child.output()).contains("ACQUIRED");
    }
}
