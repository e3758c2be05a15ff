package dev.spool.otlp;

import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.support.Backoff;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * The thread that moves requests from the spool to the endpoint, one at a time and in order: reads a
 * record, posts it, and commits it once the endpoint has answered for good (delivered, partly delivered
 * or refused). A connection failure, a timeout or 429/502/503/504 keeps the record and retries it after
 * {@code Retry-After} or a growing backoff, forever: nothing is dropped because of a retry count.
 */
final class Sender implements Runnable {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Longest response body read: a partial success is a few hundred bytes; the rest is ignored. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final String destination;
    private final OtlpSettings settings;
    private final DurableQueue spool;
    private final SenderCounters counters;
    private final Backoff backoff;
    private final HttpClient client;
    private final String contentType;
    private final Thread thread;
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 * 1024);
    private final byte[] responseBody = new byte[MAX_RESPONSE_BYTES];
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;

    Sender(String destination, OtlpSettings settings, DurableQueue spool, SenderCounters counters, String contentType)
            throws IOException {
        this.destination = destination;
        this.settings = settings;
        this.spool = spool;
        this.counters = counters;
        this.contentType = contentType;
        this.backoff = new Backoff(settings.retryMinDelay(), settings.retryMaxDelay(), true);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could send the headers' secrets elsewhere
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on every new plain connection
                .executor(Executors.newCachedThreadPool(DaemonThreads.named("spool-otlp-http")));
        if (settings.trustStore() != null) {
            builder.sslContext(TrustStores.context(settings.trustStore(), settings.trustStorePassword()));
        }
        this.client = builder.build();
        this.thread = DaemonThreads.named("spool-otlp").newThread(this);
    }

    void start() {
        thread.start();
    }

    /** Wakes the thread: new records or a stop. Any thread. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** Asks the thread to send what is spooled for up to {@code timeoutNanos}, then stop; waits for it. */
    void stop(long timeoutNanos) throws InterruptedException {
        stopDeadlineNanos = System.nanoTime() + timeoutNanos;
        stopping = true;
        wake();
        thread.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + settings.requestTimeout().toMillis() + 1_000);
    }

    @Override
    public void run() {
        try (DurableQueue.Reader reader = spool.reader()) {
            reader.seek(spool.committedPosition());
            while (!finished()) {
                if (reader.next()) {
                    if (!deliver(reader)) {
                        break; // stopped while retrying: the record stays in the spool for the next start
                    }
                } else {
                    spool.syncIfDue();
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                }
            }
        } catch (IOException | RuntimeException e) {
            counters.lastError = "sender stopped: " + e;
            Diagnostics.warn("otlp." + destination + ".sender", "otlp destination '" + destination
                    + "': sender stopped; spooled events stay on disk for the next start", e);
        } finally {
            counters.state = OtlpHealth.State.CLOSED;
        }
    }

    private boolean finished() {
        return stopping && (spool.pendingEvents() <= 0 || System.nanoTime() - stopDeadlineNanos >= 0);
    }

    /** Sends the current record until the endpoint answers for good; false if stopped first. */
    private boolean deliver(DurableQueue.Reader reader) throws IOException {
        HttpRequest request = request(reader.payload());
        int events = reader.events();
        boolean mayHaveArrived = false;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                counters.retries.incrementAndGet();
                if (mayHaveArrived) {
                    counters.resentEvents.addAndGet(events);
                }
            }
            counters.requests.incrementAndGet();
            long waitNanos;
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int length = readBody(response.body());
                int status = response.statusCode();
                if (Response.delivered(status)) {
                    delivered(events, length);
                    break;
                }
                String reason = status + " " + new String(responseBody, 0, Math.min(length, 512), StandardCharsets.UTF_8).strip();
                if (!Response.retryable(status)) {
                    rejected(events, reason);
                    break;
                }
                failed("endpoint answered " + reason, null);
                long retryAfter = Response.retryAfterNanos(response.headers().firstValue("Retry-After").orElse(null));
                waitNanos = retryAfter >= 0 ? retryAfter : backoff.nextDelayNanos();
                mayHaveArrived = false;
            } catch (IOException e) {
                failed("cannot send to " + settings.endpoint(), e);
                waitNanos = backoff.nextDelayNanos();
                // A request cut off after it was written may have been taken: sending it again may duplicate.
                mayHaveArrived = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!pause(waitNanos)) {
                return false;
            }
        }
        spool.commit(reader.recordEnd(), events);
        return true;
    }

    private HttpRequest request(ByteBuffer payload) throws IOException {
        byte[] body = new byte[payload.remaining()];
        payload.duplicate().get(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.requestTimeout())
                .header("Content-Type", contentType);
        if (settings.gzip()) {
            compressed.reset();
            try (GZIPOutputStream gz = new GZIPOutputStream(compressed, 8192)) {
                gz.write(body);
            }
            body = compressed.toByteArray();
            b.header("Content-Encoding", "gzip");
        }
        settings.headers().forEach(b::header);
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private int readBody(InputStream in) throws IOException {
        try (in) {
            int n = 0;
            int r;
            while (n < responseBody.length && (r = in.read(responseBody, n, responseBody.length - n)) > 0) {
                n += r;
            }
            return n;
        }
    }

    private void delivered(int events, int bodyLength) {
        StringBuilder message = new StringBuilder();
        long rejected = Math.min(events, Math.max(0, Response.rejectedRecords(responseBody, bodyLength, settings.json(), message)));
        if (rejected > 0 || message.length() > 0) {
            counters.partialSuccesses.incrementAndGet();
            counters.rejectedEvents.addAndGet(rejected);
            Diagnostics.warn("otlp." + destination + ".partial", "otlp destination '" + destination + "': endpoint "
                    + "rejected " + rejected + " of " + events + " records: " + message, null);
        }
        counters.deliveredEvents.addAndGet(events - rejected);
        counters.state = OtlpHealth.State.CONNECTED;
        backoff.reset();
    }

    private void rejected(int events, String reason) {
        counters.rejectedBatches.incrementAndGet();
        counters.rejectedEvents.addAndGet(events);
        counters.lastError = "endpoint refused a batch of " + events + " events: " + reason;
        counters.state = OtlpHealth.State.CONNECTED;
        Diagnostics.warn("otlp." + destination + ".rejected", "otlp destination '" + destination + "': "
                + counters.lastError + " (not sent again)", null);
    }

    private void failed(String message, Throwable cause) {
        counters.state = OtlpHealth.State.BACKING_OFF;
        counters.lastError = cause == null ? message : message + ": " + cause;
        Diagnostics.warn("otlp." + destination + ".failed", "otlp destination '" + destination + "': " + message
                + "; events wait in the spool and are retried", cause);
    }

    /** Waits, keeping the spool synced; false if a stop's deadline passes first. */
    private boolean pause(long nanos) throws IOException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            if (stopping && System.nanoTime() - stopDeadlineNanos >= 0) {
                return false;
            }
            spool.syncIfDue();
            LockSupport.parkNanos(this, Math.min(left, IDLE_PARK_NANOS));
        }
        return !(stopping && System.nanoTime() - stopDeadlineNanos >= 0);
    }
}
