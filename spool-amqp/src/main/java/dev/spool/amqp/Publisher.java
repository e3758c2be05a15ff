package dev.spool.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.support.Backoff;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * The thread that moves records from the spool to the broker: reads them in order, publishes each as one
 * persistent, mandatory message with publisher confirms (at most {@code maxOutstandingConfirms} at a time)
 * and commits the spool as confirms arrive. Any failure (connection lost, nack, return, channel error)
 * abandons the channel, rewinds to the committed position and retries after a backoff: records after the
 * committed position are sent again (counted as resent), none is skipped.
 */
final class Publisher implements Runnable {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long STOPPING_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String destination;
    private final AmqpSettings settings;
    private final DurableQueue spool;
    private final HealthCounters health;
    private final ConfirmWindow window = new ConfirmWindow();
    private final Backoff backoff;
    private final ConnectionFactory factory;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private volatile boolean blocked;
    private Connection connection;
    private Channel channel;
    private long highestSentEnd;
    /** After a failure, one message at a time until a confirm comes back, so a full queue is probed cheaply. */
    private boolean probing;

    Publisher(String destination, AmqpSettings settings, DurableQueue spool, HealthCounters health) {
        this.destination = destination;
        this.settings = settings;
        this.spool = spool;
        this.health = health;
        this.backoff = new Backoff(settings.broker().reconnectMinDelay(), settings.broker().reconnectMaxDelay(), true);
        this.factory = connectionFactory(destination, settings.broker());
        this.thread = DaemonThreads.named("spool-amqp").newThread(this);
        this.highestSentEnd = spool.appendedPosition(); // records spooled by an earlier run may have been sent
    }

    static ConnectionFactory connectionFactory(String destination, AmqpSettings.Broker b) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(b.host());
        f.setPort(b.port());
        f.setVirtualHost(b.virtualHost());
        f.setUsername(b.username());
        f.setPassword(b.password());
        f.setRequestedHeartbeat((int) b.heartbeat().toSeconds());
        f.setConnectionTimeout((int) b.connectTimeout().toMillis());
        f.setHandshakeTimeout((int) b.connectTimeout().toMillis());
        f.setShutdownTimeout((int) b.connectTimeout().toMillis());
        f.setAutomaticRecoveryEnabled(false); // this class reconnects itself, with its own rewind and backoff
        f.setTopologyRecoveryEnabled(false);
        f.setThreadFactory(DaemonThreads.named("spool-amqp-io"));
        if (b.tls()) {
            useVerifiedTls(f);
        }
        f.setExceptionHandler(new ClientProblems(destination));
        return f;
    }

    /**
     * TLS with the JVM's default trust store ({@code javax.net.ssl.trustStore} for a private CA) and the
     * broker's host name checked against its certificate: the client library's own {@code amqps} default
     * trusts every certificate.
     */
    static void useVerifiedTls(ConnectionFactory f) {
        try {
            f.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
        f.enableHostnameVerification();
    }

    void start() {
        thread.start();
    }

    /** Wakes the thread: new records, confirms or a state change. Any thread. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** Asks the thread to publish what is spooled for up to {@code timeoutNanos}, then stop; waits for it. */
    void stop(long timeoutNanos) throws InterruptedException {
        stopDeadlineNanos = System.nanoTime() + timeoutNanos;
        stopping = true;
        wake();
        thread.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + settings.broker().connectTimeout().toMillis() + 1_000);
    }

    @Override
    public void run() {
        try (DurableQueue.Reader reader = spool.reader()) {
            reader.seek(spool.committedPosition());
            while (!finished()) {
                step(reader);
            }
        } catch (IOException | RuntimeException e) {
            health.error("publisher stopped: " + e);
            Diagnostics.warn("amqp." + destination + ".publisher", "amqp destination '" + destination
                    + "': publisher stopped; spooled events stay on disk for the next start", e);
        } finally {
            closeConnection();
            health.state = AmqpHealth.State.CLOSED;
        }
    }

    private boolean finished() {
        if (!stopping) {
            return false;
        }
        boolean drained = spool.pendingEvents() <= 0 && window.size() == 0;
        return drained || System.nanoTime() - stopDeadlineNanos >= 0;
    }

    private void step(DurableQueue.Reader reader) {
        try {
            if (channel == null || !channel.isOpen()) {
                connect(reader);
            }
            boolean progress = commitConfirmed();
            String failure = window.failure();
            if (failure != null) {
                throw new IOException(failure);
            }
            progress |= publishAvailable(reader);
            spool.syncIfDue();
            health.updateRate();
            if (!progress) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            recover(reader, e);
        }
    }

    private void connect(DurableQueue.Reader reader) throws IOException, TimeoutException {
        health.state = AmqpHealth.State.CONNECTING;
        if (connection == null || !connection.isOpen()) {
            blocked = false; // a block applies to the connection it was sent on, not to a new one
            connection = factory.newConnection("spool-amqp " + destination);
            if (health.connections.getAndIncrement() > 0) {
                Diagnostics.warn("amqp." + destination + ".reconnected", "amqp destination '" + destination
                        + "' reconnected to " + broker() + "; sending " + spool.pendingEvents() + " spooled events", null);
            }
            connection.addBlockedListener(this::onBlocked, this::onUnblocked);
            connection.addShutdownListener(cause -> wake());
        }
        Channel ch = connection.createChannel();
        TopologyDeclaration.declare(ch, settings.topology());
        ch.confirmSelect();
        window.reset();
        ch.addConfirmListener((seq, multiple) -> confirmed(seq, multiple), (seq, multiple) -> nacked(seq));
        ch.addReturnListener(r -> returned(r.getReplyCode() + " " + r.getReplyText() + " for routing key " + r.getRoutingKey()));
        ch.addShutdownListener(cause -> wake());
        reader.seek(spool.committedPosition());
        channel = ch;
        health.outstanding = 0;
        health.state = blocked ? AmqpHealth.State.BLOCKED : AmqpHealth.State.CONNECTED;
    }

    private void confirmed(long seq, boolean multiple) {
        window.ack(seq, multiple);
        wake();
    }

    private void nacked(long seq) {
        health.nackedMessages.incrementAndGet();
        window.fail("broker refused message " + seq + " (nack: queue at its length limit, or a broker error)");
        wake();
    }

    private void returned(String reason) {
        health.returnedMessages.incrementAndGet();
        window.fail("message returned as unroutable: " + reason);
        wake();
    }

    private void onBlocked(String reason) {
        blocked = true;
        health.state = AmqpHealth.State.BLOCKED;
        health.error("broker blocked publishers: " + reason);
    }

    private void onUnblocked() {
        blocked = false;
        health.state = AmqpHealth.State.CONNECTED;
        wake();
    }

    /** Commits the spool up to the confirmed prefix; returns whether anything was released. */
    private boolean commitConfirmed() throws IOException {
        long[] released = window.takeReleased();
        health.outstanding = window.size();
        if (released == null) {
            return false;
        }
        spool.commit(released[0], released[1]);
        health.confirmedEvents.addAndGet(released[1]);
        backoff.reset();
        probing = false;
        return true;
    }

    private boolean publishAvailable(DurableQueue.Reader reader) throws IOException {
        boolean any = false;
        int limit = probing ? 1 : settings.publishing().maxOutstandingConfirms();
        while (!blocked && window.size() < limit && reader.next()) {
            publish(reader);
            any = true;
        }
        health.outstanding = window.size();
        return any;
    }

    private void publish(DurableQueue.Reader reader) throws IOException {
        int events = reader.events();
        long end = reader.recordEnd();
        ByteBuffer payload = reader.payload();
        byte[] body = settings.batching().gzip() ? gzip(SpoolRecord.body(payload)) : SpoolRecord.body(payload);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(AmqpSink.CONTENT_TYPE).contentEncoding(settings.batching().gzip() ? "gzip" : null)
                .deliveryMode(2).appId("spool").timestamp(new Date())
                .messageId(spool.id() + ":" + reader.recordStart())
                .headers(Map.of(AmqpSink.SCHEMA_HEADER, AmqpSink.SCHEMA_VERSION, AmqpSink.EVENTS_HEADER, events))
                .build();
        window.add(channel.getNextPublishSeqNo(), end, events);
        channel.basicPublish(settings.topology().exchange(), SpoolRecord.routingKey(payload), true, props, body);
        health.publishedEvents.addAndGet(events);
        if (end <= highestSentEnd) {
            health.resentEvents.addAndGet(events);
        }
        highestSentEnd = Math.max(highestSentEnd, end);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }

    /** Abandons the channel (and the connection if it is gone), rewinds, and waits out the backoff. */
    private void recover(DurableQueue.Reader reader, Exception e) {
        String message = e instanceof ShutdownSignalException ? "connection or channel closed: " + e.getMessage() : e.toString();
        health.error(message);
        Diagnostics.warn("amqp." + destination + ".retry", "amqp destination '" + destination + "' ("
                + broker() + "): " + message + "; " + spool.pendingEvents() + " events kept in the spool, retrying", null);
        closeChannel();
        if (connection != null && !connection.isOpen()) {
            closeConnection();
        }
        window.reset();
        health.outstanding = 0;
        reader.seek(spool.committedPosition());
        probing = true;
        health.state = AmqpHealth.State.BACKING_OFF;
        // Once stopping, retry quickly until the close timeout; a stop during a long wait ends the wait.
        boolean wasStopping = stopping;
        long delay = backoff.nextDelayNanos();
        long until = System.nanoTime() + (wasStopping ? Math.min(delay, STOPPING_RETRY_NANOS) : delay);
        long syncEvery = settings.spool().fsyncInterval().toNanos();
        while (stopping == wasStopping && System.nanoTime() - until < 0) {
            LockSupport.parkNanos(this, Math.min(syncEvery, until - System.nanoTime())); // the spool keeps its fsync pace
            syncQuietly();
        }
    }

    private void syncQuietly() {
        try {
            spool.syncIfDue();
        } catch (IOException e) {
            Diagnostics.warn("amqp." + destination + ".sync", "amqp destination '" + destination + "': spool sync failed", e);
        }
    }

    private void closeChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.abort();
            } catch (IOException | RuntimeException ignored) {
                // already failing; the connection is checked next
            }
        }
    }

    private void closeConnection() {
        closeChannel();
        Connection c = connection;
        connection = null;
        if (c != null) {
            c.abort((int) settings.broker().connectTimeout().toMillis());
        }
    }

    String broker() {
        AmqpSettings.Broker b = settings.broker();
        return b.host() + ":" + b.port() + b.virtualHost();
    }
}
