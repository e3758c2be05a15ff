package dev.spool.consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.spool.spi.support.Diagnostics;
import dev.spool.spi.support.JsonEscaper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Once a second: the ingest rate over the last second, the queue depth (messages ready, the lag) read on
 * its own broker connection, and, when a status file is configured, the status written to it atomically
 * (a temporary file moved over it), for {@code spool status --consumer FILE}. One daemon thread.
 */
final class StatusReporter implements Runnable {

    private static final long TICK_MILLIS = 1000;
    private static final long MONITOR_RETRY_NANOS = 5_000_000_000L;

    private final ConsumerSettings settings;
    private final Counters counters;
    private final Supplier<ConsumerStats> stats;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile double eventsPerSecond;
    private volatile long queueDepth = -1;
    private Connection monitor;
    private Channel monitorChannel;
    private long nextMonitorAttempt;

    StatusReporter(ConsumerSettings settings, Counters counters, Supplier<ConsumerStats> stats) {
        this.settings = settings;
        this.counters = counters;
        this.stats = stats;
        this.thread = new Thread(this, "spool-consumer-status");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    double eventsPerSecond() {
        return eventsPerSecond;
    }

    long queueDepth() {
        return queueDepth;
    }

    @Override
    public void run() {
        long lastCount = counters.committedEvents();
        long lastNanos = System.nanoTime();
        try {
            while (!stop.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                long count = counters.committedEvents();
                long now = System.nanoTime();
                eventsPerSecond = (count - lastCount) * 1e9 / Math.max(1, now - lastNanos);
                lastCount = count;
                lastNanos = now;
                queueDepth = readQueueDepth();
                writeFile(stats.get(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeMonitor();
        }
    }

    /** Stops the thread and writes the final status (not running). */
    void close(ConsumerStats last) {
        stop.countDown();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeFile(last, false);
    }

    private long readQueueDepth() {
        try {
            if (monitorChannel == null || !monitorChannel.isOpen()) {
                if (System.nanoTime() - nextMonitorAttempt < 0) {
                    return -1;
                }
                closeMonitor();
                nextMonitorAttempt = System.nanoTime() + MONITOR_RETRY_NANOS;
                monitor = settings.connectionFactory().newConnection("spool-consumer status");
                monitorChannel = monitor.createChannel();
            }
            long depth = 0;
            for (String queue : settings.queues()) {
                depth += monitorChannel.messageCount(queue);
            }
            return depth;
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            closeMonitor(); // the workers report broker failures; the depth is only unknown meanwhile
            return -1;
        }
    }

    private void closeMonitor() {
        if (monitor != null) {
            monitor.abort(1000);
            monitor = null;
            monitorChannel = null;
        }
    }

    private void writeFile(ConsumerStats s, boolean running) {
        Path file = settings.statusFile();
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
            Files.writeString(tmp, json(settings, s, running), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Diagnostics.warn("consumer.status", "consumer: cannot write the status file " + file, e);
        }
    }

    /** The status file's content: one JSON object, keys as documented in docs/consumer.md. */
    static String json(ConsumerSettings settings, ConsumerStats s, boolean running) {
        StringBuilder b = new StringBuilder(512).append('{');
        b.append("\"spool_consumer\":1,\"pid\":").append(ProcessHandle.current().pid());
        b.append(",\"running\":").append(running);
        b.append(",\"updated_ms\":").append(System.currentTimeMillis());
        string(b, "updated", Instant.now().toString());
        string(b, "amqp", settings.amqpUriForDisplay());
        string(b, "queue", String.join(",", settings.queues()));
        string(b, "store", ConsumerSettings.redact(settings.store()));
        b.append(",\"healthy\":").append(s.healthy());
        b.append(",\"workers\":").append(s.workers());
        b.append(",\"workers_connected\":").append(s.workersConnected());
        b.append(",\"events_stored\":").append(s.eventsStored());
        b.append(",\"duplicates\":").append(s.duplicates());
        b.append(",\"batches\":").append(s.batches());
        b.append(",\"messages\":").append(s.messages());
        b.append(",\"retries\":").append(s.retries());
        b.append(",\"redeliveries\":").append(s.redeliveries());
        b.append(",\"delayed\":").append(s.delayed());
        b.append(",\"reconnects\":").append(s.reconnects());
        b.append(",\"events_per_second\":").append(Math.round(s.eventsPerSecond()));
        b.append(",\"queue_depth\":").append(s.queueDepth());
        b.append(",\"dead_lettered\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : s.deadLettered().entrySet()) {
            b.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        b.append('}');
        if (s.lastError() != null) {
            string(b, "last_error", s.lastError());
            string(b, "last_error_at", s.lastErrorAt().toString());
        }
        return b.append("}\n").toString();
    }

    private static void string(StringBuilder b, String key, String value) {
        b.append(",\"").append(key).append("\":");
        JsonEscaper.appendString(value, b);
    }
}
