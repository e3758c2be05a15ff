package dev.spool.test;

import dev.spool.Spool;
import dev.spool.SpoolConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JUnit 5 extension that captures the events each test logs through Spool (any API: Spool's own,
 * SLF4J, the Log4j API, JUL, System.Logger), for assertions on level, logger, message, fields, context
 * and exception:
 *
 * <pre>{@code
 * @RegisterExtension
 * final LogCapture logs = new LogCapture();
 *
 * @Test
 * void warnsOnSlowQueries() {
 *     repository.find(42);
 *     logs.expect().level(Level.WARN).logger("app.db").field("ms", 812).once();
 * }
 * }</pre>
 *
 * <p><b>Isolation.</b> By default a test sees the events logged on its own thread while it runs, so tests
 * running in parallel (JUnit's parallel mode) each see only their own. {@link #allThreads()} sees every
 * event logged while the test runs, from any thread (an executor's, a server's); it is isolated only from
 * tests that do not run at the same time, so mark such a test {@code @Isolated} or
 * {@code @ResourceLock("spool")} when tests run in parallel.
 *
 * <p><b>What reaches a capture.</b> The extension adds one destination to Spool's configuration (the file
 * Spool would find by itself, or its console default) and leaves levels and other destinations as they
 * are: a capture receives what the levels let through (INFO and above by default); set a lower level in
 * the test's {@code spool.properties} or with {@link Spool#setLevel}. A test that calls
 * {@link Spool#configure} itself should pass its configuration through {@link #including(SpoolConfig)};
 * otherwise the next test puts the capture destination back, replacing that configuration.
 *
 * <p>Reading events waits until what was logged before has been written ({@link Spool#flush()}). A capture
 * keeps at most {@code maxEvents} events (100,000 by default); later ones are counted in
 * {@link #overflowed()}, and a failed expectation says so. Methods are called on the test's thread.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private static final int DEFAULT_MAX_EVENTS = 100_000;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    private final boolean everyThread;
    private final int maxEvents;
    /** The running tests' buffers by their thread: with PER_CLASS lifecycle one instance serves several. */
    private final Map<Thread, CaptureBuffer> running = new ConcurrentHashMap<>();

    /** Captures what each test logs on its own thread. */
    public LogCapture() {
        this(false, DEFAULT_MAX_EVENTS);
    }

    private LogCapture(boolean everyThread, int maxEvents) {
        this.everyThread = everyThread;
        this.maxEvents = maxEvents;
    }

    /** Captures every event logged while a test runs, from any thread (see the class comment). */
    public static LogCapture allThreads() {
        return new LogCapture(true, DEFAULT_MAX_EVENTS);
    }

    /**
     * The same capture keeping at most {@code events} events per test.
     *
     * @throws IllegalArgumentException if {@code events} is below 1
     */
    public LogCapture maxEvents(int events) {
        if (events < 1) {
            throw new IllegalArgumentException("bad value " + events + " for maxEvents: expected at least 1");
        }
        return new LogCapture(everyThread, events);
    }

    /**
     * {@code config} with the capture destination added to every route, for a test that configures Spool
     * itself: {@code Spool.configure(LogCapture.including(config))}.
     */
    public static SpoolConfig including(SpoolConfig config) {
        return CaptureHub.including(config);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CaptureHub.install();
        CaptureBuffer buffer = new CaptureBuffer(everyThread ? null : Thread.currentThread(), maxEvents);
        CaptureHub.register(buffer);
        running.put(Thread.currentThread(), buffer);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CaptureBuffer buffer = running.remove(Thread.currentThread());
        if (buffer != null) {
            CaptureHub.unregister(buffer);
        }
    }

    /** The events captured so far in this test, oldest first, after waiting for what was logged to be written. */
    public List<CapturedEvent> events() {
        CaptureBuffer buffer = buffer();
        Spool.flush(FLUSH_TIMEOUT);
        return buffer.snapshot();
    }

    /** The messages of {@link #events()}. */
    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (CapturedEvent event : events()) {
            messages.add(event.message());
        }
        return messages;
    }

    /** Events that arrived after {@code maxEvents} were kept, and were counted only. */
    public long overflowed() {
        CaptureBuffer buffer = buffer();
        Spool.flush(FLUSH_TIMEOUT);
        return buffer.overflowed();
    }

    /** Forgets what was captured so far in this test (what was logged before this call). */
    public void clear() {
        CaptureBuffer buffer = buffer();
        Spool.flush(FLUSH_TIMEOUT);
        buffer.clear();
    }

    /** An assertion on the events captured so far: narrow with criteria, end with a count. */
    public EventExpectation expect() {
        return new EventExpectation(this);
    }

    private CaptureBuffer buffer() {
        CaptureBuffer buffer = running.get(Thread.currentThread());
        if (buffer == null) {
            throw new IllegalStateException("no capture on thread " + Thread.currentThread().getName()
                    + ": use LogCapture during a test, on the test's thread, with the extension registered"
                    + " (@RegisterExtension)");
        }
        return buffer;
    }
}
