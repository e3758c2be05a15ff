package dev.spool.sink;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backups Spool's own deflate encoder writes (the default of {@code compress = gzip}) are read by GNU gzip,
 * whose inflater is its own code, not zlib (the JDK's {@code GZIPInputStream}, which the unit tests use, is
 * zlib): every rotated file passes {@code gzip -t} and {@code gzip -dc} gives back its lines exactly.
 */
class GzipInteropIT {

    @TempDir
    Path dir;

    /** Log lines with varied parts (numbers, hex, words) and now and then a block of noise. */
    private static String line(Random random, int i) {
        StringBuilder text = new StringBuilder("e").append(i).append(" user=").append(random.nextInt(50_000))
                .append(" order=").append(Long.toHexString(random.nextLong())).append(" took ")
                .append(random.nextInt(2_000)).append("ms status=").append(random.nextInt(8) == 0 ? "FAILED" : "OK");
        if (random.nextInt(50) == 0) {
            for (int k = random.nextInt(600); k > 0; k--) {
                text.append((char) (33 + random.nextInt(94)));
            }
        }
        return text.toString();
    }

    private static byte[] run(Path workDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), out.toString(StandardCharsets.UTF_8))
                .isZero();
        return out.toByteArray();
    }

    @Test
    void gnuGzipReadsEveryBackupBackToItsLines() throws IOException, InterruptedException {
        Path active = dir.resolve("app.log");
        Random random = new Random(42);
        List<String> written = new ArrayList<>();
        try (RollingFileSink sink = RollingFileSink.builder(active, LineFormat.LINES)
                .clock(MutableClock.ticking("2026-12-07T05:00:00.000Z")).zone(ZoneOffset.UTC)
                .maxSizeBytes(3L << 19).gzip(true).gzipLevel(RollingFileSink.FAST_GZIP).maxBackups(100).build()) {
            for (int i = 0; i < 100_000; i++) { // about 6.5 MB: four backups of 1.5 MB
                String text = line(random, i);
                written.add(text);
                sink.write(TestEvent.event().message(text));
            }
        }
        List<Path> backups;
        try (Stream<Path> files = Files.list(dir)) {
            backups = files.filter(p -> p.toString().endsWith(".log.gz")).sorted().toList();
        }
        assertThat(backups).hasSizeGreaterThanOrEqualTo(3);

        List<String> read = new ArrayList<>();
        for (Path gz : backups) {
            run(dir, "gzip", "-t", gz.getFileName().toString());
            String text = new String(run(dir, "gzip", "-dc", gz.getFileName().toString()), StandardCharsets.UTF_8);
            read.addAll(text.lines().toList());
        }
        read.addAll(LineFormat.lines(active));

        assertThat(read).containsExactlyElementsOf(written);
    }
}
