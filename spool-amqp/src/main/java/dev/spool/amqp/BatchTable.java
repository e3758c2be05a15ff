package dev.spool.amqp;

import dev.spool.Level;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The open batches, one per (service, level) so that each message has one routing key, and the sealed
 * batches waiting for the spool, in the order they were sealed. Events of one producer keep their order
 * within a (service, level); batches of different levels are sealed independently.
 *
 * <p>Writer thread only. Allocation-free once warm for the pipeline's own service; another service
 * (events ingested from elsewhere) costs one table the first time it is seen.
 */
final class BatchTable {

    /** An open batch: the routing key and the JSON lines so far. */
    static final class Batch {
        byte[] routingKey;
        final ByteBuilder body;
        int events;
        long openedNanos;

        Batch(byte[] routingKey, int capacity) {
            this.routingKey = routingKey;
            this.body = new ByteBuilder(capacity);
        }
    }

    private static final Level[] LEVELS = Level.values();

    private final int maxEvents;
    private final int maxBytes;
    private final String primaryService;
    private final Batch[] primary;
    private final Map<String, Batch[]> others = new HashMap<>();
    private final ArrayDeque<Batch> sealed = new ArrayDeque<>();
    private final ArrayDeque<Batch> free = new ArrayDeque<>();
    private long heldBytes;

    BatchTable(String primaryService, int maxEvents, int maxBytes) {
        this.primaryService = primaryService;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.primary = table(primaryService);
    }

    private Batch[] table(String service) {
        Batch[] t = new Batch[LEVELS.length];
        for (Level level : LEVELS) {
            t[level.ordinal()] = new Batch(routingKey(service, level), 1024);
        }
        return t;
    }

    /**
     * {@code <service>.<LEVEL>}, with the service's dots, stars and hashes replaced by underscores so that
     * it stays one word of a topic routing key.
     */
    static byte[] routingKey(String service, Level level) {
        String word = service.replace('.', '_').replace('*', '_').replace('#', '_');
        return (word + "." + level.name()).getBytes(StandardCharsets.UTF_8);
    }

    Batch open(LogEvent event) {
        String service = event.resource().service();
        Batch[] t = service.equals(primaryService) ? primary : others.computeIfAbsent(service, this::table);
        return t[event.level().ordinal()];
    }

    /**
     * Called after an event of {@code eventBytes} was appended to {@code b}: seals the batch when it
     * reaches its count bound, or seals what came before the event when the event took it past its byte
     * bound, so a message never exceeds the bound unless one event alone does.
     */
    void appended(Batch b, int eventBytes, long nowNanos) {
        if (b.events == 0) {
            b.openedNanos = nowNanos;
        }
        b.events++;
        heldBytes += eventBytes;
        if (b.body.length() > maxBytes && b.events > 1) {
            seal(b, b.body.length() - eventBytes, b.events - 1);
            b.events = 1;
            b.openedNanos = nowNanos;
        }
        if (b.events >= maxEvents || b.body.length() >= maxBytes) {
            seal(b, b.body.length(), b.events);
            b.events = 0;
        }
    }

    /** Moves the first {@code bytes} (holding {@code events}) of {@code b} to the sealed queue. */
    private void seal(Batch b, int bytes, int events) {
        Batch copy = free.isEmpty() ? new Batch(b.routingKey, maxBytes + 1024) : free.pollFirst();
        copy.routingKey = b.routingKey;
        copy.body.clear();
        copy.body.append(b.body.array(), 0, bytes);
        copy.events = events;
        b.body.discardFront(bytes);
        sealed.addLast(copy);
    }

    /** Seals every open batch older than {@code maxDelayNanos} (or every open batch, with 0). */
    void sealExpired(long nowNanos, long maxDelayNanos) {
        sealExpired(primary, nowNanos, maxDelayNanos);
        if (!others.isEmpty()) {
            for (Batch[] t : others.values()) {
                sealExpired(t, nowNanos, maxDelayNanos);
            }
        }
    }

    private void sealExpired(Batch[] t, long nowNanos, long maxDelayNanos) {
        for (Batch b : t) {
            if (b.events > 0 && nowNanos - b.openedNanos >= maxDelayNanos) {
                seal(b, b.body.length(), b.events);
                b.events = 0;
            }
        }
    }

    /** The oldest sealed batch, or null. */
    Batch firstSealed() {
        return sealed.peekFirst();
    }

    /** Releases the oldest sealed batch once it is in the spool. */
    void removeFirstSealed() {
        Batch b = sealed.pollFirst();
        heldBytes -= b.body.length();
        free.addLast(b);
    }

    /** Bytes of events held in memory, open and sealed. */
    long heldBytes() {
        return heldBytes;
    }

    /** Events held in memory, open and sealed. */
    long heldEvents() {
        long n = 0;
        for (Batch b : sealed) {
            n += b.events;
        }
        for (Batch b : primary) {
            n += b.events;
        }
        for (Batch[] t : others.values()) {
            for (Batch b : t) {
                n += b.events;
            }
        }
        return n;
    }

    boolean isEmpty() {
        return heldBytes == 0;
    }
}
