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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * The thread that moves requests from the spool to the endpoint: reads records in order, posts up to
 * {@code requests.maxOutstanding} of them at a time (each on its own connection, from its own posting
 * thread), and commits the spool
 * past a request only once it and every request before it were answered for good (delivered, partly
 * delivered or refused). A connection failure, a timeout or 429/502/503/504 stops new posts; once every
 * request on the wire has its answer, the thread waits out {@code Retry-After} or a growing backoff and
 * sends again from the first request not answered for good, one at a time until one is, then the full
 * window again. Retries never end: nothing is dropped because of a retry count. Requests after the
 * failed one that were already delivered are sent again (counted in {@code resent_events}); the receiver
 * drops them by {@code log.record.uid}.
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
    /**
     * One thread per request in flight, each waiting for its answer with {@code HttpClient.send}. Not
     * {@code sendAsync}: given an executor, the JDK's client completes every async request on the
     * {@code CompletableFuture} default executor, which on a machine with fewer than 3 cores starts a new
     * thread per request.
     */
    private final ThreadPoolExecutor posting;
    private final String contentType;
    private final Thread thread;
    private final RequestWindow window = new RequestWindow();
    /** End positions of batches sent again after a failure whose earlier attempt the endpoint may have stored. */
    private final Set<Long> mayHaveStored = new HashSet<>();
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 * 1024);
    /** End of the furthest batch ever posted: a batch ending at or before it is a retry. */
    private long highestSentEnd = -1;
    /** After a failure: one request at a time until the first is answered for good. */
    private boolean probing;
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
        this.posting = new ThreadPoolExecutor(settings.maxOutstanding(), settings.maxOutstanding(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("spool-otlp-post"));
        posting.allowCoreThreadTimeOut(true);
        this.thread = DaemonThreads.named("spool-otlp").newThread(this);
    }

    void start() {
        thread.start();
    }

    /** Wakes the thread: new records, an answer or a stop. Any thread. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** Asks the thread to send what is spooled for up to {@code timeoutNanos}, then stop; waits for it. */
    void stop(long timeoutNanos) throws InterruptedException {
        stopDeadlineNanos = System.nanoTime() + timeoutNanos;
        stopping = true;
        wake();
        thread.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + settings.requestTimeout().toMillis() + 1_000);
        posting.shutdown(); // a request still on the wire ends with its timeout; nothing waits for its answer
    }

    @Override
    public void run() {
        try (DurableQueue.Reader reader = spool.reader()) {
            reader.seek(spool.committedPosition());
            while (!finished()) {
                boolean progress = commitSettled();
                RequestWindow.Entry failed = window.firstRetryable();
                if (failed != null) {
                    if (window.allAnswered() && !recover(reader, failed)) {
                        break; // stopped while waiting: the records stay in the spool for the next start
                    }
                } else {
                    progress |= post(reader);
                }
                if (!progress) {
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
        if (!stopping) {
            return false;
        }
        return spool.pendingEvents() <= 0 && window.isEmpty() || System.nanoTime() - stopDeadlineNanos >= 0;
    }

    /** Commits the spool past the requests at the head that were answered for good, in order. */
    private boolean commitSettled() throws IOException {
        boolean any = false;
        for (RequestWindow.Entry head; (head = window.settledHead()) != null; ) {
            window.removeHead();
            RequestWindow.Answer a = head.answer;
            if (Response.delivered(a.status())) {
                delivered(head.events, a.body());
            } else {
                rejected(head.events, a.status() + " " + new String(a.body(), 0, Math.min(a.body().length, 512),
                        StandardCharsets.UTF_8).strip());
            }
            spool.commit(head.end, head.events);
            probing = false;
            any = true;
        }
        return any;
    }

    /** Posts the records that follow while the window has room; whether any was posted. */
    private boolean post(DurableQueue.Reader reader) throws IOException {
        int limit = probing ? 1 : settings.maxOutstanding();
        boolean any = false;
        while (window.size() < limit && reader.next()) {
            int events = reader.events();
            long end = reader.recordEnd();
            if (end <= highestSentEnd) {
                counters.retries.incrementAndGet();
                if (!mayHaveStored.isEmpty() && mayHaveStored.remove(end)) {
                    counters.resentEvents.addAndGet(events);
                }
            }
            highestSentEnd = Math.max(highestSentEnd, end);
            RequestWindow.Entry entry = window.add(end, events);
            HttpRequest request = request(reader.payload());
            counters.requests.incrementAndGet();
            posting.execute(() -> send(entry, request));
            any = true;
        }
        return any;
    }

    /** On a posting thread: sends, reads the answer (at most 64 KB of body) into the entry, wakes the sender. */
    private void send(RequestWindow.Entry entry, HttpRequest request) {
        RequestWindow.Answer answer;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_RESPONSE_BYTES);
                answer = new RequestWindow.Answer(response.statusCode(), body,
                        Response.retryAfterNanos(response.headers().firstValue("Retry-After").orElse(null)), null);
            }
        } catch (IOException e) {
            answer = RequestWindow.Answer.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = RequestWindow.Answer.failed(new IOException("interrupted while waiting for the answer", e));
        } catch (RuntimeException e) {
            answer = RequestWindow.Answer.failed(new IOException(e));
        }
        entry.answer = answer;
        wake();
    }

    /**
     * Every request has its answer and {@code failed} is the first not answered for good (the ones before
     * it are committed): waits out the longest {@code Retry-After} among the answers or the backoff, then
     * rewinds to the committed position to send from it again, one request at a time. False if a stop's
     * deadline passed first.
     */
    private boolean recover(DurableQueue.Reader reader, RequestWindow.Entry failed) throws IOException {
        RequestWindow.Answer a = failed.answer;
        if (a.error() != null) {
            failed("cannot send to " + settings.endpoint(), a.error());
        } else {
            failed("endpoint answered " + a.status() + " " + new String(a.body(), 0, Math.min(a.body().length, 512),
                    StandardCharsets.UTF_8).strip(), null);
        }
        long retryAfter = -1;
        for (RequestWindow.Entry e : window.entries()) {
            if (e.answer.mayHaveStored()) {
                mayHaveStored.add(e.end); // a request cut off after it was written may have been taken
            }
            if (!e.answer.settled()) {
                retryAfter = Math.max(retryAfter, e.answer.retryAfterNanos()); // the endpoint's longest ask
            }
        }
        window.clear();
        long committed = spool.committedPosition();
        mayHaveStored.removeIf(end -> end <= committed); // delivered since, or dropped by drop-oldest
        reader.seek(committed);
        probing = true;
        long waitNanos = retryAfter >= 0 ? retryAfter : backoff.nextDelayNanos();
        return pause(waitNanos);
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
        return b.POST(ArrayBody.of(body, body.length)).build();
    }

    private void delivered(int events, byte[] body) {
        StringBuilder message = new StringBuilder();
        long rejected = Math.min(events, Math.max(0, Response.rejectedRecords(body, body.length, settings.json(), message)));
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
