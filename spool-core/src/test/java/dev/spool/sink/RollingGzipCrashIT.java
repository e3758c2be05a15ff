package dev.spool.sink;

import dev.spool.testkit.jvm.ChildJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A child JVM ({@link SharedFileWriter}, single-process mode) writes a rolling file with gzip that rotates
 * every 2 MB, so the compressor is always following the active file or finishing a backup, and is killed
 * ({@code SIGKILL}) right after it reported a number of events flushed. Whatever the moment: every backup
 * is there, plain or as a complete gzip (both only with the same content), no file named {@code .gz} is
 * incomplete, every flushed event is found exactly once and in order (the active file may be missing when
 * the kill came between a rotation's rename and the new file's creation), and a sink started again on the
 * file deletes the partial gzip the crash left.
 */
class RollingGzipCrashIT {

    private static final int EVENTS = 2_000_000;
    private static final Pattern WHOLE = Pattern.compile("P0 N(\\d{7}) x{16}\\|");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Path active() {
        return dir.resolve("app.log");
    }

    @ParameterizedTest
    @ValueSource(ints = {150_000, 700_000, 1_300_000})
    void leavesEveryBackupPlainOrAsACompleteGzipWhenKilledAnywhere(int signalAt) throws Exception {
        try (ChildJvm child = ChildJvm.builder(SharedFileWriter.class).name("gzip-writer").jvmOptions("-Xmx128m")
                .args(active().toString(), "0", Integer.toString(EVENTS), "2MB", "gzip", "false",
                        Integer.toString(signalAt))
                .startAwaiting("ready", TIMEOUT)) {
            child.send("");
            assertThat(child.awaitLineStartingWith("flushed", TIMEOUT)).isNotNull();
            // a fresh JVM's deflate encoder runs interpreted at first (its first megabyte took 54 ms, zlib 5 ms):
            // the kill waits for one complete .gz, so that every point kills with backups in both states
            await().atMost(TIMEOUT).until(this::anyBackupCompressed);
            child.destroyForcibly();
            assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        List<Integer> numbers = new ArrayList<>();
        List<String> torn = new ArrayList<>();
        int compressed = 0;
        for (BackupNames.Backup backup : backupsOldestFirst()) {
            Path plain = dir.resolve(backup.name());
            Path gz = dir.resolve(backup.name() + ".gz");
            if (Files.exists(gz)) {
                byte[] unzipped = gunzip(gz); // throws when the .gz is incomplete or corrupt
                if (Files.exists(plain)) {
                    assertThat(unzipped).as("a backup and its .gz, both left by the kill").isEqualTo(Files.readAllBytes(plain));
                }
                read(unzipped, numbers, torn);
                compressed++;
            } else {
                read(Files.readAllBytes(plain), numbers, torn);
            }
        }
        // a kill between the rotation's rename and the new file's creation leaves no active file: nothing is lost
        if (Files.exists(active())) {
            read(Files.readAllBytes(active()), numbers, torn);
        }

        assertThat(compressed).as("some backups were compressed before the kill").isPositive();
        assertThat(numbers.size()).isGreaterThanOrEqualTo(signalAt);
        assertThat(numbers).as("every flushed event exactly once, in order").isEqualTo(FileSinkTest.range(0, numbers.size()));
        assertThat(torn).as("only the active file's last line can be cut short").hasSizeLessThanOrEqualTo(1);

        try (RollingFileSink restarted = RollingFileSink.builder(active(), LineFormat.LINES).maxSizeBytes(2L << 20)
                .gzip(true).zone(ZoneOffset.UTC).maxBackups(1_000_000).build()) {
            assertThat(dir.resolve("app.log.gz.tmp")).as("the crash's partial gzip of the active file").doesNotExist();
            assertThat(active()).as("the active file, created again when the kill came mid-rotation").exists();
        }
    }

    private boolean anyBackupCompressed() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".log.gz"));
        }
    }

    private List<BackupNames.Backup> backupsOldestFirst() throws IOException {
        BackupNames names = new BackupNames("app.log", ZoneOffset.UTC);
        List<BackupNames.Backup> backups = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> names.parse(f.getFileName().toString())).filter(b -> b != null).distinct()
                    .forEach(backups::add);
        }
        backups.sort(BackupNames.Backup.NEWEST_FIRST.reversed());
        return backups;
    }

    private static byte[] gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static void read(byte[] text, List<Integer> numbers, List<String> torn) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ByteArrayInputStream(text), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher m = WHOLE.matcher(line);
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                } else {
                    torn.add(line);
                }
            }
        }
    }
}
