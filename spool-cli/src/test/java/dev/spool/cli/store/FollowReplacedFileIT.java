package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code spool tail -f} follows the database file through a rotation (renamed away, a new file made) and
 * through a delete and re-create, as {@code tail -F} does, and says so on stderr.
 */
public class FollowReplacedFileIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path db;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger code = new AtomicInteger(-1);
    private Thread tail;

    /** Logs one event into a SQLite file and commits it (the pipeline is shut down). */
    public static void log(Path file, String message) {
        Spool.configure(SpoolConfig.builder().name("follow-it").jmx(false).shutdownHook(false)
                .destination("db", "sqlite", Map.of("path", file.toString())).route("root", "", Level.DEBUG, "db").build());
        Spool.logger("app.rotate").atWarn().log(message);
        Spool.shutdown();
    }

    /** Moves a SQLite database with its -wal and -shm files, as a rotation of a database does. */
    public static void moveDatabase(Path from, Path to) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path f = from.resolveSibling(from.getFileName() + suffix);
            if (Files.exists(f)) {
                Files.move(f, to.resolveSibling(to.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    public static void deleteDatabase(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    @BeforeEach
    void startFollowing() {
        db = dir.resolve("spool.db");
        log(db, "before the rotation");
        tail = new Thread(() -> code.set(SpoolCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("tail", "--db", db.toString(), "-f", "--interval", "20ms")));
        tail.start();
        await().atMost(WAIT).until(() -> out.toString().contains("before the rotation"));
    }

    @AfterEach
    void stopFollowing() throws InterruptedException {
        tail.interrupt();
        tail.join(10_000);
        assertThat(code.get()).as("stderr: %s", err).isEqualTo(SpoolCommand.OK);
    }

    @Test
    void followsARotationToTheNewFile() throws IOException {
        moveDatabase(db, dir.resolve("spool.db.1"));
        log(db, "after the rotation");

        await().atMost(WAIT).until(() -> out.toString().contains("after the rotation"));
        assertThat(err.toString()).contains("spool tail: " + db + " was replaced");
        assertThat(out.toString()).containsOnlyOnce("before the rotation");
    }

    @Test
    void followsADeleteAndRecreate() throws IOException {
        deleteDatabase(db);
        await().atMost(WAIT).until(() -> err.toString().contains(db + " was deleted; waiting"));

        log(db, "in the new file");

        await().atMost(WAIT).until(() -> out.toString().contains("in the new file"));
        assertThat(err.toString()).contains(db + " was replaced");
    }
}
