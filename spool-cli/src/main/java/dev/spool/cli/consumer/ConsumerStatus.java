package dev.spool.cli.consumer;

import dev.spool.collector.json.JsonEventReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code spool status --consumer}: reads the status file a running {@code spool consume} rewrites every
 * second and prints it. The file is moved into place atomically, so it is always whole; a file not
 * rewritten for {@link #STALE_MILLIS} belongs to a consumer that is no longer running.
 */
public final class ConsumerStatus {

    static final long STALE_MILLIS = 5_000;
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private ConsumerStatus() {
    }

    /**
     * Prints the status in {@code file}; returns 0 when the consumer runs and is healthy, 1 otherwise.
     *
     * @throws IOException when there is no readable status file, saying where it looked
     */
    public static int print(Path file, boolean json, PrintWriter out) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException("consumer status file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no consumer status file " + file + ": is 'spool consume' running? (give the "
                    + "file it writes with --consumer FILE, or the queue it consumes with --queue NAME)", e);
        }
        Map<String, Object> s;
        try {
            s = JsonEventReader.readObject(bytes, 0, trimmed(bytes));
        } catch (IllegalArgumentException e) {
            throw new IOException("consumer status file " + file + " is not a consumer status: " + e.getMessage(), e);
        }
        long age = System.currentTimeMillis() - ((Number) s.getOrDefault("updated_ms", 0L)).longValue();
        boolean running = Boolean.TRUE.equals(s.get("running")) && age <= STALE_MILLIS;
        boolean healthy = running && Boolean.TRUE.equals(s.get("healthy"));
        if (json) {
            out.println(new String(bytes, 0, trimmed(bytes), StandardCharsets.UTF_8));
        } else {
            String state = !Boolean.TRUE.equals(s.get("running")) ? "stopped"
                    : age > STALE_MILLIS ? "not running (status not updated for " + age / 1000 + " s; killed?)"
                    : healthy ? "running, healthy" : "running, UNHEALTHY";
            out.println("consumer pid " + s.get("pid") + ": " + state + " (as of "
                    + Instant.ofEpochMilli(((Number) s.getOrDefault("updated_ms", 0L)).longValue()) + ")");
            out.printf("  queue             %s on %s%n", s.get("queue"), s.get("amqp"));
            out.printf("  store             %s%n", s.get("store"));
            out.printf("  workers           %s connected of %s%n", s.get("workers_connected"), s.get("workers"));
            out.printf("  events/s          %s%n", s.get("events_per_second"));
            Object depth = s.get("queue_depth");
            out.printf("  lag               %s messages ready%n", depth instanceof Number && ((Number) depth).longValue() < 0 ? "?" : depth);
            out.printf("  events stored     %s (+%s duplicates skipped)%n", s.get("events_stored"), s.get("duplicates"));
            out.printf("  batches           %s (%s messages)%n", s.get("batches"), s.get("messages"));
            out.printf("  retries           %s%n", s.get("retries"));
            out.printf("  redeliveries      %s, reconnects %s%n", s.get("redeliveries"), s.get("reconnects"));
            out.println("  dead-lettered");
            if (s.get("dead_lettered") instanceof Map) {
                new java.util.TreeMap<>((Map<?, ?>) s.get("dead_lettered"))
                        .forEach((reason, n) -> out.printf("    %-18s %s%n", reason, n));
            }
            if (s.get("last_error") != null) {
                out.printf("  last error        %s (%s)%n", s.get("last_error"), s.get("last_error_at"));
            }
        }
        out.flush();
        return healthy ? 0 : 1;
    }

    private static int trimmed(byte[] bytes) {
        int n = bytes.length;
        while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) {
            n--;
        }
        return n;
    }
}
