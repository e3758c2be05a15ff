package dev.spool.otlp;

import dev.spool.sink.SinkOverflowException;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The writer-thread side of an {@code otlp} destination: encodes each event into the open request and,
 * when it is full (events or bytes) or old enough, seals it into the durable queue. It never touches the
 * network; the {@link Sender} thread does.
 */
final class OtlpSink implements Sink {

    private final String name;
    private final OtlpSettings settings;
    private final RequestEncoder encoder;
    private final DurableQueue spool;
    private final ByteBuilder sealed = new ByteBuilder(64 * 1024);
    private final SenderCounters counters = new SenderCounters();
    private final Sender sender;
    private final long maxDelayNanos;
    private final Supplier<OtlpHealth> healthView = this::snapshot;
    private final OtlpJmx jmx;
    /** Events in {@link #sealed} that the full spool refused; 0 when nothing sealed waits. */
    private int sealedEvents;
    private long openedAtNanos;

    OtlpSink(String name, OtlpSettings settings) throws IOException {
        this.name = name;
        this.settings = settings;
        this.encoder = settings.json() ? new JsonEncoder(settings.resource()) : new ProtobufEncoder(settings.resource());
        this.maxDelayNanos = settings.batch().maxDelay().toNanos();
        this.spool = DurableQueue.open(settings.spool());
        try {
            this.sender = new Sender(name, settings, spool, counters, encoder.contentType());
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        spool.onAppend(sender::wake);
        OtlpDestinations.register(name, healthView);
        this.jmx = OtlpJmx.register(name, healthView);
        sender.start();
    }

    /**
     * Encodes the event into the open request, sealing it first when the spool has room again. Throws
     * {@link SinkOverflowException}, keeping nothing, when the spool refused the sealed request and the
     * open one has reached {@code maxBacklog}.
     */
    @Override
    public void write(LogEvent event) throws IOException {
        if (sealedEvents > 0 && encoder.bytes() >= settings.batch().maxBacklogBytes()) {
            counters.refusedEvents.incrementAndGet();
            throw new SinkOverflowException("otlp destination '" + name + "': spool full and " + encoder.bytes()
                    + " bytes held in memory; event refused", encoder.bytes(), null);
        }
        if (encoder.events() == 0) {
            openedAtNanos = System.nanoTime();
        }
        encoder.add(event);
        if (sealedEvents == 0 && (encoder.events() >= settings.batch().maxEvents()
                || encoder.bytes() >= settings.batch().maxBytes())) {
            seal();
        }
    }

    /** Spools the open request if it is due (full, or older than {@code batch.maxDelay}) and the spool takes it. */
    @Override
    public void flush() throws IOException {
        if (sealedEvents > 0 && !spoolSealed()) {
            return;
        }
        if (encoder.events() > 0 && (encoder.events() >= settings.batch().maxEvents()
                || encoder.bytes() >= settings.batch().maxBytes()
                || System.nanoTime() - openedAtNanos >= maxDelayNanos)) {
            seal();
        }
    }

    private void seal() throws IOException {
        sealedEvents = encoder.events();
        encoder.finish(sealed);
        if (sealed.length() > spool.maxPayloadBytes()) {
            int lost = sealedEvents;
            sealedEvents = 0;
            throw new IOException("otlp destination '" + name + "': a request of " + sealed.length() + " bytes ("
                    + lost + " events) is larger than the spool takes (" + spool.maxPayloadBytes() + "); not sent");
        }
        spoolSealed();
    }

    private boolean spoolSealed() throws IOException {
        if (!spool.append(sealed, sealedEvents)) {
            return false;
        }
        sealedEvents = 0;
        return true;
    }

    /**
     * True: a ledger travels as a log record with {@code spool.ledger.*} attributes, which Spool's own OTLP
     * receiver turns back into a ledger (docs/otlp.md); another receiver stores it as an ordinary record.
     */
    @Override
    public boolean acceptsLedgers() {
        return true;
    }

    /** True while events wait in memory: an open request not yet due, or a sealed one the full spool refused. */
    @Override
    public boolean hasBacklog() {
        return encoder.events() > 0 || sealedEvents > 0;
    }

    /**
     * Spools everything held, gives the sender up to {@code close.timeout} to deliver the spool, then stops
     * it. What is not delivered by then stays in the spool for the next start.
     */
    @Override
    public void close() throws IOException {
        try {
            if (sealedEvents > 0) {
                spoolSealed();
            }
            if (sealedEvents == 0 && encoder.events() > 0) {
                seal();
            }
            if (sealedEvents > 0 || encoder.events() > 0) {
                Diagnostics.warn("otlp." + name + ".close", "otlp destination '" + name + "' closed with a full spool: "
                        + (sealedEvents + encoder.events()) + " events held in memory are lost", null);
            }
            sender.stop(settings.closeTimeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OtlpDestinations.unregister(name, healthView);
            jmx.unregister();
            spool.close();
        }
    }

    /** The health as the pipeline's stats and {@code spool status} show it. Thread-safe. */
    @Override
    public Map<String, Object> health() {
        OtlpHealth h = snapshot();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("state", h.state().name());
        map.put("endpoint", h.endpoint());
        map.put("spool_events", h.spoolEvents());
        map.put("spool_bytes", h.spoolBytes());
        map.put("requests", h.requests());
        map.put("delivered_events", h.deliveredEvents());
        map.put("rejected_events", h.rejectedEvents());
        map.put("rejected_batches", h.rejectedBatches());
        map.put("partial_successes", h.partialSuccesses());
        map.put("retries", h.retries());
        map.put("resent_events", h.resentEvents());
        map.put("dropped_events", h.droppedEvents());
        map.put("refused_events", h.refusedEvents());
        if (h.lastError() != null) {
            map.put("last_error", h.lastError());
        }
        return map;
    }

    OtlpHealth snapshot() {
        SenderCounters c = counters;
        return new OtlpHealth(name, settings.endpoint().toString(), c.state, c.lastError, spool.pendingEvents(),
                spool.pendingBytes(), c.requests.get(), c.deliveredEvents.get(), c.rejectedEvents.get(),
                c.rejectedBatches.get(), c.partialSuccesses.get(), c.retries.get(), c.resentEvents.get(),
                spool.droppedEvents(), c.refusedEvents.get());
    }
}
