package dev.spool.sink;

import dev.spool.testkit.jvm.ChildJvm;
import dev.spool.testkit.jvm.ChildJvmBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real child JVMs ({@link SharedFileWriter}) writing one rolling file in multi-process mode with a tiny
 * maximum size, so that it rotates hundreds of times while they write, with gzip.
 */
class MultiProcessRollingFileIT {

    private static final int EVENTS = 100_000;
    private static final String MAX_SIZE = "32KB";
    private static final Pattern WHOLE = Pattern.compile("P(\\d+) N(\\d{7}) x{16}\\|");
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    private Path active() {
        return dir.resolve("app.log");
    }

    @Test
    void writesEveryEventOfEveryProcessExactlyOnceInOrderAcrossRotations() throws Exception {
        int processes = 8;
        List<ChildJvm> outputs = startAll(processes, -1);
        go();
        for (int p = 0; p < processes; p++) {
            assertThat(awaitLine(outputs.get(p), "done")).as("process %d finished", p).isNotNull();
            assertThat(children.get(p).waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(children.get(p).exitValue()).isZero();
        }
        Written written = readAll();
        assertThat(written.tornLines).isEmpty();
        assertThat(written.files).as("hundreds of rotations").isGreaterThan(400);
        assertThat(written.compressed).as("every rotated file was gzipped").isEqualTo(written.files - 1);
        for (int p = 0; p < processes; p++) {
            assertThat(written.numbers(p)).as("process %d", p).isEqualTo(range(EVENTS));
        }
    }

    @Test
    void theOthersFinishWhenOneWriterIsKilledMidRun() throws Exception {
        int processes = 4;
        int signalAt = EVENTS / 4;
        List<ChildJvm> outputs = startAll(processes, signalAt);
        go();
        assertThat(awaitLine(outputs.get(0), "flushed")).isNotNull();
        children.get(0).destroyForcibly();
        assertThat(children.get(0).waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        for (int p = 1; p < processes; p++) {
            assertThat(awaitLine(outputs.get(p), "done")).as("process %d finished", p).isNotNull();
            assertThat(children.get(p).waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        Written written = readAll();
        for (int p = 1; p < processes; p++) {
            assertThat(written.numbers(p)).as("process %d", p).isEqualTo(range(EVENTS));
        }
        List<Integer> killed = written.numbers(0);
        assertThat(killed).as("what the killed writer flushed before the kill").startsWith(range(signalAt)
                .toArray(new Integer[0]));
        assertThat(killed).as("the killed writer's events: each at most once, in order")
                .isEqualTo(range(killed.size()));
        assertThat(written.tornLines).as("only the killed writer can leave a line cut short, once at most")
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(line -> assertThat(line).as("the start of one of the killed writer's lines")
                        .matches("P(0( N\\d{0,7}( x{0,16})?)?)?"));
    }

    /** Starts the writers together (they start their JVMs in parallel) and waits until each is ready. */
    private List<ChildJvm> startAll(int processes, int signalAt) throws IOException, InterruptedException {
        for (int p = 0; p < processes; p++) {
            ChildJvmBuilder child = ChildJvm.builder(SharedFileWriter.class).name("writer-" + p).jvmOptions("-Xmx128m")
                    .args(active().toString(), Integer.toString(p), Integer.toString(EVENTS), MAX_SIZE, "gzip", "true");
            if (p == 0 && signalAt > 0) {
                child.args(Integer.toString(signalAt));
            }
            children.add(child.start());
        }
        for (ChildJvm child : children) {
            assertThat(awaitLine(child, "ready")).isNotNull();
        }
        return children;
    }

    private void go() {
        for (ChildJvm child : children) {
            child.send("");
        }
    }

    /** The first line of the child's output that starts with {@code prefix}, waiting for it as long as a run may take. */
    private static String awaitLine(ChildJvm child, String prefix) throws InterruptedException {
        return child.awaitLineStartingWith(prefix, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    private static List<Integer> range(int count) {
        List<Integer> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    /** Every line of the active file and its backups (gzipped or not), backups oldest first. */
    private Written readAll() throws IOException {
        BackupNames names = new BackupNames("app.log", ZoneOffset.UTC);
        List<BackupNames.Backup> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> names.parse(f.getFileName().toString())).filter(b -> b != null)
                    .distinct().forEach(backups::add);
        }
        backups.sort(BackupNames.Backup.NEWEST_FIRST.reversed());
        Written written = new Written();
        for (BackupNames.Backup backup : backups) {
            Path gz = dir.resolve(backup.name() + ".gz");
            // a writer killed between writing the .gz and deleting the original leaves both: read one
            boolean compressed = Files.exists(gz);
            written.read(compressed ? new GZIPInputStream(Files.newInputStream(gz)) : Files.newInputStream(
                    dir.resolve(backup.name())));
            written.compressed += compressed ? 1 : 0;
        }
        written.read(Files.newInputStream(active()));
        return written;
    }

    /** The lines found, by writer, in file order. */
    private static final class Written {
        final Map<Integer, List<Integer>> byProcess = new HashMap<>();
        final List<String> tornLines = new ArrayList<>();
        int files;
        int compressed;

        void read(InputStream in) throws IOException {
            files++;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = WHOLE.matcher(line);
                    if (m.matches()) {
                        byProcess.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>())
                                .add(Integer.parseInt(m.group(2)));
                    } else {
                        tornLines.add(line);
                    }
                }
            }
        }

        List<Integer> numbers(int process) {
            return byProcess.getOrDefault(process, List.of());
        }
    }
}
