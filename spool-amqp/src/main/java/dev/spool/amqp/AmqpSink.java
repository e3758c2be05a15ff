package dev.spool.amqp;

import dev.spool.Resource;
import dev.spool.format.JsonFormat;
import dev.spool.sink.SinkOverflowException;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.durable.QueueInUseException;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The writer-thread side of an {@code amqp} destination: formats each event as a JSON line into the
 * open batch of its (service, level), and at each flush moves sealed and expired batches into the disk
 * spool. It never touches the network; the {@link Publisher} thread does.
 */
final class AmqpSink implements Sink {

    static final String CONTENT_TYPE = "application/x-ndjson";
    static final String SCHEMA_HEADER = "spool-schema";
    static final int SCHEMA_VERSION = 1;
    static final String EVENTS_HEADER = "spool-events";

    private final String name;
    private final AmqpSettings settings;
    private final JsonFormat json = JsonFormat.of();
    private final BatchTable batches;
    private final DurableQueue spool;
    private final ByteBuilder record = new ByteBuilder(64 * 1024);
    private final HealthCounters health = new HealthCounters();
    private final Publisher publisher;
    private final long maxDelayNanos;
    private final Supplier<AmqpHealth> healthView = this::snapshot;
    private final AmqpJmx jmx;
    /** The last flush left sealed batches the full spool refused: only then is memory use bounded by refusals. */
    private boolean spoolRefusing;

    AmqpSink(String name, AmqpSettings settings, Resource resource) throws IOException {
        this.name = name;
        this.settings = settings;
        this.spool = openSpool(name, settings.spool(), resource);
        this.batches = new BatchTable(resource.service(), settings.batching().maxEvents(), settings.batching().maxBytes());
        this.maxDelayNanos = settings.batching().maxDelay().toNanos();
        this.publisher = new Publisher(name, settings, spool, health);
        spool.onAppend(publisher::wake);
        AmqpDestinations.register(name, healthView);
        this.jmx = AmqpJmx.register(name, healthView);
        publisher.start();
    }

    /** How many default spool directories a service's processes on one host may have open at once. */
    static final int DEFAULT_DIR_SLOTS = 16;

    /**
     * The configured {@code spool.dir}, or the default: {@code <state>/spool/amqp/<service>/<destination>},
     * where state is {@code $XDG_STATE_HOME} or {@code ~/.local/state}. A second process of the same service
     * finds the first directory locked and takes {@code <destination>-1}, and so on; a restarted process
     * takes the first free one and sends what an earlier process left there. Said on stderr.
     */
    private static DurableQueue openSpool(String name, AmqpSettings.SpoolSettings s, Resource resource) throws IOException {
        if (s.dir() != null) {
            return DurableQueue.open(s.queue(s.dir()));
        }
        return openDefault(name, s, defaultSpoolDir(resource.service(), name, System.getenv("XDG_STATE_HOME"),
                System.getProperty("user.home")));
    }

    /** The first of {@code base}, {@code base-1}, ... that no other open queue holds. */
    static DurableQueue openDefault(String name, AmqpSettings.SpoolSettings s, Path base) throws IOException {
        for (int i = 0; i < DEFAULT_DIR_SLOTS; i++) {
            Path dir = i == 0 ? base : base.resolveSibling(base.getFileName() + "-" + i);
            try {
                DurableQueue queue = DurableQueue.open(s.queue(dir));
                Diagnostics.info("amqp destination '" + name + "' spools to " + dir + " (spool.dir not set)");
                return queue;
            } catch (QueueInUseException inUse) {
                // another process of this service has it: try the next
            }
        }
        throw new IOException("amqp destination '" + name + "': the default spool directories " + base + " to "
                + base.getFileName() + "-" + (DEFAULT_DIR_SLOTS - 1) + " are all in use; set spool.dir");
    }

    /** {@code <state>/spool/amqp/<service>/<destination>}, names made safe for a path. */
    static Path defaultSpoolDir(String service, String destination, String xdgStateHome, String userHome) {
        Path state = xdgStateHome != null && !xdgStateHome.isBlank() && Path.of(xdgStateHome).isAbsolute()
                ? Path.of(xdgStateHome) : Path.of(userHome, ".local", "state");
        return state.resolve("spool").resolve("amqp").resolve(safe(service)).resolve(safe(destination));
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    /** Ledgers travel to the consumers with the events (docs/audit.md). */
    @Override
    public boolean acceptsLedgers() {
        return true;
    }

    /**
     * Formats the event into its batch. Throws {@link SinkOverflowException}, keeping nothing, when the
     * spool refused the last flush (full, block policy) and the events held in memory reach
     * {@code maxBacklog}.
     */
    @Override
    public void write(LogEvent event) throws IOException {
        if (spoolRefusing && batches.heldBytes() >= settings.batching().maxBacklogBytes()) {
            health.refusedEvents.incrementAndGet();
            throw new SinkOverflowException("amqp destination '" + name + "': spool full and "
                    + batches.heldBytes() + " bytes held in memory; event refused", batches.heldBytes(), null);
        }
        BatchTable.Batch b = batches.open(event);
        int before = b.body.length();
        json.format(event, b.body);
        batches.appended(b, b.body.length() - before, System.nanoTime());
    }

    /**
     * Spools every sealed batch and every batch open longer than {@code batch.maxDelay}. Stops at the first
     * batch the spool refuses (full, block policy): that batch and later ones stay for the next flush.
     */
    @Override
    public void flush() throws IOException {
        batches.sealExpired(System.nanoTime(), maxDelayNanos);
        spoolSealed();
    }

    private boolean spoolSealed() throws IOException {
        for (BatchTable.Batch b = batches.firstSealed(); b != null; b = batches.firstSealed()) {
            SpoolRecord.encode(b.routingKey, b.body, record);
            if (!spool.append(record, b.events)) {
                spoolRefusing = true;
                return false;
            }
            batches.removeFirstSealed();
        }
        spoolRefusing = false;
        return true;
    }

    /** True while events wait in memory: an open batch not yet due, or batches the full spool refused. */
    @Override
    public boolean hasBacklog() {
        return !batches.isEmpty();
    }

    /**
     * Spools everything held, gives the publisher up to {@code close.timeout} to deliver the spool, then
     * stops it. What is not confirmed by then stays in the spool for the next start.
     */
    @Override
    public void close() throws IOException {
        try {
            batches.sealExpired(System.nanoTime(), 0);
            if (!spoolSealed()) {
                Diagnostics.warn("amqp." + name + ".close", "amqp destination '" + name + "' closed with a full spool: "
                        + batches.heldEvents() + " events held in memory are lost", null);
            }
            publisher.stop(settings.publishing().closeTimeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            AmqpDestinations.unregister(name, healthView);
            jmx.unregister();
            spool.close();
        }
    }

    /** The health as the pipeline's stats and the collector's {@code spool status} show it. Thread-safe. */
    @Override
    public Map<String, Object> health() {
        AmqpHealth h = snapshot();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("state", h.state().name());
        map.put("broker", h.broker());
        map.put("confirms_outstanding", h.confirmsOutstanding());
        map.put("spool_events", h.spoolEvents());
        map.put("spool_bytes", h.spoolBytes());
        map.put("confirmed_per_second", Math.round(h.confirmedEventsPerSecond()));
        map.put("resent_events", h.resentEvents());
        map.put("dropped_events", h.droppedEvents());
        map.put("refused_events", h.refusedEvents());
        map.put("reconnects", h.reconnects());
        if (h.lastError() != null) {
            map.put("last_error", h.lastError());
        }
        return map;
    }

    AmqpHealth snapshot() {
        return new AmqpHealth(name, publisher.broker(), health.state, health.lastError(), health.lastErrorAt(),
                health.outstanding, spool.pendingEvents(), spool.pendingBytes(), health.publishedEvents.get(),
                health.confirmedEvents.get(), health.resentEvents.get(), health.nackedMessages.get(),
                health.returnedMessages.get(), Math.max(0, health.connections.get() - 1), spool.droppedEvents(),
                spool.blockedAppends(), health.refusedEvents.get(), spool.corruptBytes(), spool.corruptRegions(),
                health.confirmedPerSecond);
    }
}
