package dev.spool.consumer;

import com.rabbitmq.client.ConnectionFactory;
import dev.spool.alert.Alerts;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.Backoff;
import dev.spool.spi.support.Diagnostics;
import dev.spool.spi.support.RelayTally;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer thread with its own broker connection, channel and store writer. It gathers deliveries into
 * a batch (bounded by events, time and prefetch), dead-letters the invalid ones with confirms, commits the
 * events in one write and only then acknowledges the batch. A retryable store failure keeps the batch and
 * retries with backoff, acknowledging nothing meanwhile; a non-retryable one writes the batch's messages
 * one by one, and a message that fails alone (or an event the store refuses) goes to a delay queue and
 * comes back later, counted by its {@code spool-attempts} header; after {@code maxAttempts} it is
 * dead-lettered with the reason.
 * When the connection breaks, the open batch is dropped: the broker redelivers it, the store de-duplicates.
 */
final class Worker implements Runnable {

    private static final long IDLE_POLL_NANOS = 100_000_000L;
    /**
     * Messages dead-lettered for store failures with no successful write between them, past which the
     * worker stops dead-lettering and keeps retrying: a store that fails everything (permissions, a
     * dropped table) must not drain the queue into the dead-letter queue.
     */
    static final int MAX_POISON_IN_A_ROW = 3;

    private final String name;
    private final ConsumerSettings settings;
    private final ConnectionFactory factory;
    private final Counters counters;
    private final MessageDecoder decoder;
    private final Backoff reconnect;
    private final Backoff retry;
    private final DeadLetters deadLetters;
    private final RelayLedgers ledgers;
    /** The tally of the batch being processed. */
    private RelayTally tally;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private volatile Thread thread;
    private StoreWriter writer;
    private Session session;
    private boolean everConnected;
    private boolean failing;
    private int poisonInARow;
    private long nextIdleOpenNanos = System.nanoTime();

    Worker(String name, ConsumerSettings settings, StoreWriter writer, Counters counters, RelayLedgers ledgers) {
        this.name = name;
        this.settings = settings;
        this.factory = settings.connectionFactory();
        this.writer = writer;
        this.counters = counters;
        this.decoder = new MessageDecoder(settings.maxMessageBytes(), settings.maxDecodedBytes(), settings.maxEventBytes(),
                settings.accept(), settings.loghiveZone());
        this.reconnect = new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay(), true);
        this.retry = new Backoff(settings.retryMinDelay(), settings.retryMaxDelay(), false);
        this.deadLetters = new DeadLetters(settings, counters);
        this.ledgers = ledgers;
    }

    /** Asks the worker to commit and acknowledge what it holds and stop, giving up at {@code deadlineNanos}. */
    void stop(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (!stopping) {
                try {
                    if (session == null && !connect()) {
                        continue;
                    }
                    Batch batch = collect();
                    if (!batch.isEmpty() && !session.broken()) { // a broken session's tags cannot be acked
                        process(batch);
                    } else if (batch.isEmpty()) {
                        reopenWhileIdle();
                    }
                    dropIfBroken();
                    ledgers.writeIfDue(writer);
                } catch (RuntimeException e) {
                    // A bug must not end the worker: drop the session (the broker redelivers) and go on.
                    counters.error(name + ": unexpected " + e);
                    Diagnostics.warn("consumer." + name, "consumer " + name + ": unexpected error, reconnecting", e);
                    closeSession();
                    pause(reconnect.nextDelayNanos());
                }
            }
            finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeSession();
            closeWriter();
            setFailing(false);
        }
    }

    /**
     * While the queue is idle, a writer that could not be opened (the store was down at start or failed
     * last) is opened again with backoff, so that health reflects the store without waiting for a message.
     */
    private void reopenWhileIdle() {
        if (writer != null || System.nanoTime() - nextIdleOpenNanos < 0) {
            return;
        }
        if (writer() == null) {
            nextIdleOpenNanos = System.nanoTime() + retry.nextDelayNanos();
        } else {
            setFailing(false);
            retry.reset();
        }
    }

    /** Graceful stop: no new deliveries; everything received is committed and acknowledged. */
    private void finish() throws InterruptedException {
        if (session == null || session.broken()) {
            return;
        }
        session.cancel(Math.max(0, (stopDeadlineNanos - System.nanoTime()) / 1_000_000));
        for (Batch batch = collect(); !batch.isEmpty() && session != null && !session.broken(); batch = collect()) {
            process(batch);
        }
    }

    private String queues() {
        return settings.queues().size() == 1 ? "'" + settings.queue() + "'" : "queues " + settings.queues();
    }

    private boolean connect() throws InterruptedException {
        try {
            session = Session.open(factory, settings, "spool-consumer " + String.join(",", settings.queues()) + " " + name);
            counters.connected.incrementAndGet();
            if (everConnected) {
                counters.reconnects.increment();
            }
            everConnected = true;
            reconnect.reset();
            return true;
        } catch (Topology.TopologyMismatch e) {
            String why = "cannot consume from " + settings.amqpUriForDisplay() + ": " + e.getMessage();
            counters.error(why);
            if (e.getMessage().contains("PRECONDITION_FAILED")) {
                // A queue or exchange declared with other arguments stays so: retrying cannot help.
                counters.fatal.compareAndSet(null, why);
                Diagnostics.warn("consumer." + name + ".topology", "consumer " + name + ": " + why + "; stopping", null);
                stopping = true;
                return false;
            }
            Diagnostics.warn("consumer." + name + ".connect", "consumer " + name + ": " + why + "; retrying", null);
            pause(reconnect.nextDelayNanos());
            return false;
        } catch (IOException | TimeoutException | RuntimeException e) {
            String why = "cannot consume " + queues() + " from " + settings.amqpUriForDisplay() + ": "
                    + ClientErrors.describe(e);
            counters.error(why);
            Diagnostics.warn("consumer." + name + ".connect", "consumer " + name + ": " + why + "; retrying", null);
            pause(reconnect.nextDelayNanos());
            return false;
        }
    }

    /** Gathers deliveries until the batch is full, its time is up, or prefetch says no more can come. */
    private Batch collect() throws InterruptedException {
        Batch batch = new Batch();
        long deadline = 0;
        while (true) {
            // At most IDLE_POLL_NANOS at a time, so that a close is seen within that much.
            long wait = stopping ? 0 : batch.isEmpty() ? IDLE_POLL_NANOS
                    : Math.min(IDLE_POLL_NANOS, deadline - System.nanoTime());
            Delivery d = session.poll(wait);
            if (d == null || d == Session.WAKE) {
                if (d == null && !batch.isEmpty() && !stopping && deadline - System.nanoTime() > 0) {
                    continue;
                }
                return batch;
            }
            if (batch.isEmpty()) {
                deadline = System.nanoTime() + settings.batchTime().toNanos();
            }
            add(batch, d);
            if (batch.eventCount() >= settings.batchEvents() || batch.deliveries() >= settings.prefetch()) {
                return batch;
            }
        }
    }

    private void add(Batch batch, Delivery d) {
        if (d.redelivered()) {
            counters.redeliveries.increment();
        }
        try {
            batch.add(d, decoder.decode(d.props().getContentEncoding(), d.props().getHeaders(), d.body()));
        } catch (InvalidMessage e) {
            batch.reject(d, e);
        } catch (RuntimeException e) { // a reader bug must not stop the worker or block the queue
            batch.reject(d, new InvalidMessage(DeadReason.BAD_EVENT, "the reader failed: " + e));
        }
    }

    private void process(Batch batch) throws InterruptedException {
        tally = batch.tally;
        try {
            for (Batch.Rejected r : batch.rejected) {
                deadLetters.message(session, r.delivery(), r.reason(), r.detail(), r.delivery().attemptsSoFar());
            }
            if (!batch.messages.isEmpty() && !store(batch)) {
                return; // abandoned: nothing acknowledged, the broker redelivers
            }
            session.ackUpTo(batch.lastTag());
            counters.batches.increment();
            counters.messages.add(batch.deliveries());
        } catch (IOException | TimeoutException | RuntimeException e) {
            String why = "broker failure, batch left unacknowledged for redelivery: " + ClientErrors.describe(e);
            counters.error(name + ": " + why);
            session.markBroken(why);
        } finally {
            ledgers.add(batch.tally); // received, and written for what committed, acknowledged or not
        }
    }

    /** Commits the batch's events; true once every message is stored or dead-lettered. */
    private boolean store(Batch batch) throws IOException, TimeoutException, InterruptedException {
        List<LogEvent> events = Batch.events(batch.messages);
        retry.reset();
        while (true) {
            StoreWriter w = writer();
            if (w == null) {
                if (!retryLater()) {
                    return false;
                }
                continue;
            }
            try {
                stored(w.write(events), batch.messages);
                return true;
            } catch (StoreException e) {
                if (!e.isRetryable()) {
                    writeFailed(e, "batch of " + batch.messages.size() + " messages, isolating them");
                    return storeEach(batch.messages);
                }
                writeFailed(e, "batch of " + events.size() + " events kept, retrying");
            } catch (RuntimeException e) {
                writeFailed(e, "batch of " + batch.messages.size() + " messages, isolating them");
                return storeEach(batch.messages);
            }
            if (!retryLater()) {
                return false;
            }
        }
    }

    /** Writes each message alone; one that fails non-retryably goes to a delay queue, or dead after maxAttempts. */
    private boolean storeEach(List<Batch.Message> messages) throws IOException, TimeoutException, InterruptedException {
        for (Batch.Message m : messages) {
            retry.reset();
            while (true) {
                StoreWriter w = writer();
                if (w != null) {
                    try {
                        stored(w.write(m.decoded().events()), List.of(m));
                        break;
                    } catch (StoreException e) {
                        if (e.isRetryable()) {
                            writeFailed(e, m.delivery().describe() + " kept, retrying");
                        } else if (failedAgain(m, e)) {
                            break;
                        }
                    } catch (RuntimeException e) {
                        if (failedAgain(m, e)) {
                            break;
                        }
                    }
                }
                if (!retryLater()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Counts a non-retryable failure of {@code m} (its {@code spool-attempts} header plus this one); true when
     * it left the queue for it: to a delay queue, or dead-lettered after {@code maxAttempts}.
     */
    private boolean failedAgain(Batch.Message m, RuntimeException e) throws IOException, TimeoutException, InterruptedException {
        int attempts = m.delivery().attemptsSoFar() + 1;
        writeFailed(e, m.delivery().describe() + ", attempt " + attempts + " of " + settings.maxAttempts());
        if (attempts < settings.maxAttempts()) {
            deadLetters.delay(session, m.delivery(), attempts, ClientErrors.describe(e));
            setFailing(false);
            return true;
        }
        if (poisonInARow >= MAX_POISON_IN_A_ROW) {
            // Every message fails: the store is broken, not the messages. Keep them and retry.
            counters.error(name + ": the store failed the last " + poisonInARow + " messages alone and " + m.delivery()
                    .describe() + " too; not dead-lettering more until a write succeeds: " + ClientErrors.describe(e));
            return false;
        }
        deadLetters.message(session, m.delivery(), DeadReason.STORE_FAILED, "the store failed it " + attempts + " times: "
                + ClientErrors.describe(e), attempts);
        poisonInARow++;
        setFailing(false);
        return true;
    }

    private void stored(WriteResult result, List<Batch.Message> messages)
            throws IOException, TimeoutException, InterruptedException {
        counters.eventsStored.add(result.stored());
        counters.duplicates.add(result.duplicates());
        countWritten(result, messages);
        poisonInARow = 0;
        setFailing(false);
        retry.reset();
        offerToAlerts(result, messages);
        for (WriteResult.Refused refused : result.refused()) {
            int index = refused.index();
            for (Batch.Message m : messages) {
                int n = m.decoded().events().size();
                if (index < n) {
                    int attempts = m.delivery().attemptsSoFar() + 1;
                    if (attempts < settings.maxAttempts()) {
                        deadLetters.delayLine(session, m, index, refused.reason(), attempts);
                    } else {
                        deadLetters.line(session, m, index, refused.reason(), attempts);
                    }
                    break;
                }
                index -= n;
            }
        }
    }

    /**
     * Counts the committed events of each producer for the relay ledger: every event given but the refused
     * ones and the ledgers passed on. The store's duplicates are counted for the consumer as a whole: it
     * reports how many, not which.
     */
    private void countWritten(WriteResult result, List<Batch.Message> messages) {
        tally.addRelayWide(RelayTally.Count.DUPLICATES, result.duplicates());
        List<WriteResult.Refused> refused = result.refused(); // in batch order
        int nextRefused = 0;
        int index = 0;
        for (Batch.Message m : messages) {
            for (LogEvent event : m.decoded().events()) {
                if (nextRefused < refused.size() && refused.get(nextRefused).index() == index) {
                    nextRefused++;
                } else if (event.kind() != EventKind.LEDGER) {
                    tally.add(event.idHigh(), event.idLow(), RelayTally.Count.WRITTEN);
                }
                index++;
            }
        }
    }

    /** Offers the committed events (not the refused ones) to the alert rules: no I/O, never blocks. */
    private void offerToAlerts(WriteResult result, List<Batch.Message> messages) {
        if (settings.alerts() == Alerts.NONE) {
            return;
        }
        List<WriteResult.Refused> refused = result.refused(); // in batch order
        int nextRefused = 0;
        int index = 0;
        for (Batch.Message m : messages) {
            for (LogEvent event : m.decoded().events()) {
                if (nextRefused < refused.size() && refused.get(nextRefused).index() == index) {
                    nextRefused++;
                } else {
                    settings.alerts().offer(event);
                }
                index++;
            }
        }
    }

    /** The writer, opened again after a failure; null (reported) while it cannot be opened. */
    private StoreWriter writer() {
        if (writer == null) {
            try {
                writer = settings.openWriter();
            } catch (RuntimeException e) {
                // Never dead-letter because the store cannot be opened: it says nothing about the messages.
                writeFailed(e, "cannot open " + ConsumerSettings.redact(settings.store()) + ", retrying");
            }
        }
        return writer;
    }

    private void writeFailed(RuntimeException e, String what) {
        counters.retries.increment();
        setFailing(true);
        String why = name + ": store write failed (" + what + "): " + ClientErrors.describe(e);
        counters.error(why);
        Diagnostics.warn("consumer." + name + ".store", "consumer " + why, null);
        closeWriter(); // the next attempt opens a fresh connection
    }

    /** Waits the next retry delay; false when the batch must be abandoned (channel gone, or closing too long). */
    private boolean retryLater() throws InterruptedException {
        pause(retry.nextDelayNanos());
        if (session.broken()) {
            return false;
        }
        return !stopping || System.nanoTime() - stopDeadlineNanos < 0;
    }

    /** Parks for {@code nanos}, less when asked to stop (then at most until the stop deadline). */
    private void pause(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            if (stopping) {
                if (session == null) {
                    return; // nothing held: stop at once
                }
                left = Math.min(left, stopDeadlineNanos - System.nanoTime());
                if (left <= 0) {
                    return;
                }
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void setFailing(boolean now) {
        if (now != failing) {
            failing = now;
            counters.failingWrites.addAndGet(now ? 1 : -1);
        }
    }

    private void dropIfBroken() {
        if (session != null && session.broken()) {
            counters.error(name + ": " + session.brokenBecause() + "; reconnecting");
            closeSession();
        }
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
            counters.connected.decrementAndGet();
        }
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                Diagnostics.warn("consumer." + name + ".close", "consumer " + name + ": closing the store writer failed", e);
            }
            writer = null;
        }
    }
}
