package dev.spool.cli.store;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.cli.SpoolCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spool audit --file}: producers in this JVM write a rolling JSON file that rotates many times
 * (gzipped backups) while ledgers are written every few milliseconds; the audit over the active file and its
 * backups finds every event and the final ledger, and names the events a test removes from a backup.
 */
class AuditFileIT {

    private static final int THREADS = 4;
    private static final int EVENTS = 2_000;

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return SpoolCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void rollingJsonFileAcrossRotationsIsAuditedThenARemovedGapIsNamed() throws Exception {
        Path active = dir.resolve("app.jsonl");
        Spool.configure(SpoolConfig.builder().name("producer").service("shop").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ofMillis(5))
                .destination("roll", "rolling", Map.of("path", active.toString(), "format", "json",
                        "maxSize", "64KB", "maxBackups", "1000", "compress", "gzip"))
                .route("root", "", Level.TRACE, "roll").build());
        produce(Spool.logger("app"));
        Spool.shutdown(Duration.ofSeconds(30));
        String node = EventId.localNodeText();
        List<Path> files = files();
        assertThat(files).as("the file rotated").hasSizeGreaterThan(3);
        long filesWithLedgers = files.stream().filter(f -> text(f).contains("\"kind\":\"ledger\"")).count();
        assertThat(filesWithLedgers).as("ledgers in several files: the latest must win across them").isGreaterThan(1);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, args(files, "--json"))).as(out + "\n" + err).isZero();
        assertThat(out.toString().lines()).singleElement().satisfies(l -> assertThat(l).contains(
                "\"instance\":\"" + node + "\"", "\"service\":\"shop\"", "\"destination\":\"roll\"",
                "\"sent\":" + THREADS * EVENTS + ",", "\"stored\":" + THREADS * EVENTS + ",", "\"missing\":0,",
                "\"in_flight\":0,", "\"state\":\"closed\""));
        assertThat(err.toString()).isEmpty();

        Path backup = files.stream().filter(f -> f.toString().endsWith(".gz")).findFirst().orElseThrow();
        List<String> lines = text(backup).lines().collect(Collectors.toList());
        List<String> kept = new ArrayList<>();
        int removed = 0;
        for (String line : lines) {
            if (removed < 25 && !line.contains("\"kind\":\"ledger\"")) {
                removed++;
            } else {
                kept.add(line);
            }
        }
        assertThat(removed).isEqualTo(25);
        Files.delete(backup);
        Files.writeString(dir.resolve("edited.jsonl"), String.join("\n", kept) + "\n");
        out = new StringWriter();
        assertThat(run(out, err, args(files(), "--no-color"))).as(out + "\n" + err).isEqualTo(SpoolCommand.FAILED);
        assertThat(out.toString()).containsPattern(node + " +shop .* roll +" + String.format("%,d", THREADS * EVENTS)
                + " +" + String.format("%,d", THREADS * EVENTS - 25) + " +25 +0 ").contains("25 events missing");
    }

    @Test
    void aTextLineIsCountedAndTheFileStillAudited() throws Exception {
        Path file = dir.resolve("app.jsonl");
        Spool.configure(SpoolConfig.builder().name("producer").shutdownHook(false).jmx(false)
                .ledgerInterval(Duration.ofSeconds(60))
                .destination("file", "file", Map.of("path", file.toString(), "format", "json"))
                .route("root", "", Level.TRACE, "file").build());
        Spool.logger("app").info("one");
        Spool.shutdown(Duration.ofSeconds(30));
        Files.writeString(file, "not json\n", java.nio.file.StandardOpenOption.APPEND);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "audit", "--json", "--file", file.toString())).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("\"sent\":1,", "\"stored\":1,", "\"state\":\"closed\"");
        assertThat(err.toString()).contains("1 lines are not Spool JSON events", "app.jsonl line 3");
    }

    @Test
    void fileAndStoreTogetherIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "audit", "--file", "x.jsonl", "--store", "sqlite:x.db")).isEqualTo(2);
        assertThat(err.toString()).contains("--file and --store exclude each other");
    }

    private static void produce(Logger log) throws InterruptedException {
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    log.info("thread {} order {}", thread, i);
                }
            });
            th.start();
            producers.add(th);
        }
        for (Thread th : producers) {
            th.join();
        }
    }

    private String[] args(List<Path> files, String option) {
        List<String> args = new ArrayList<>(List.of("audit", option, "--file"));
        files.forEach(f -> args.add(f.toString()));
        return args.toArray(String[]::new);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().contains("jsonl")).sorted().collect(Collectors.toList());
        }
    }

    private static String text(Path file) {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
