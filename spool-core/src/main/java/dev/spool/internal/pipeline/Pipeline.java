package dev.spool.internal.pipeline;

import dev.spool.Context;
import dev.spool.DestinationConfig;
import dev.spool.DropReason;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.PipelineStats;
import dev.spool.Resource;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkContext;
import dev.spool.spi.support.DaemonThreads;
import dev.spool.spi.support.Diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running pipeline: a bounded queue of pre-allocated slots, one writer thread, the destinations it
 * owns, and exact counters. See the package documentation for the flow.
 *
 * <p>{@link #publish} is called by any number of threads; everything that touches destinations runs
 * under {@code writeLock}, held by the writer thread for one batch at a time, or briefly by a caller on
 * the {@code sync-fallback} path.
 */
public final class Pipeline implements dev.spool.spi.Ingress {

    private static final long CLOSED_BIT = Long.MIN_VALUE;
    private static final long CODE_DROPPED = -1;
    private static final long CODE_SYNC = -2;
    private static final long CODE_CLOSED = -3;
    private static final long CODE_WAIT = -4;
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long BACKLOG_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int ID_BLOCK = 1_024;
    private static final long MAX_SPACE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);  // a safety net only
    private static final long UNREGISTERED_SPACE_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final SpoolConfig config;
    private final Resource resource;
    private final Slot[] ring;
    private final int mask;
    private final int capacity;
    private final Sequence cursor = new Sequence(0);   // next sequence to claim; CLOSED_BIT once shut
    private final Sequence consumed = new Sequence(0); // next sequence the writer will take
    private volatile long consumedCache;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Destination[] destinations;
    private final RouteConfig[] routesBySpecificity;
    private final Map<String, Destination> destinationsByName;
    private final Map<String, Route> routeCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> destinationMinLevels = new java.util.HashMap<>();
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];
    private final long highWaterDepth;
    private final long highWaterSampleMask;
    private final int maxMessageChars;
    private final Thread writer;
    private final AtomicInteger flushWaiters = new AtomicInteger();
    private final SpaceWaiters spaceWaiters = new SpaceWaiters();
    private final Object flushMonitor = new Object();
    private volatile PipelineJmx jmx;
    private volatile boolean writerParked;
    private volatile long flushed;
    private volatile long syncWritten;
    private volatile long batches;
    private volatile long maxDepth;
    private volatile long timeoutDropped;
    private volatile long shutdownDeadlineNanos;
    private volatile boolean finished;
    private Thread shutdownHook;
    private long idNext;  // id counter values reserved for this pipeline; guarded by writeLock
    private long idEnd;

    private Pipeline(SpoolConfig config, Destination[] destinations) {
        this.config = config;
        this.resource = config.resource();
        this.capacity = config.queueCapacity();
        this.mask = capacity - 1;
        this.ring = new Slot[capacity];
        for (int i = 0; i < capacity; i++) {
            ring[i] = new Slot();
        }
        this.destinations = destinations;
        this.destinationsByName = new LinkedHashMap<>();
        for (Destination d : destinations) {
            destinationsByName.put(d.name, d);
            destinationMinLevels.put(d.name, config.destinations().get(d.name).minLevel().ordinal());
        }
        this.routesBySpecificity = config.routes().stream()
                .sorted(Comparator.comparingInt((RouteConfig r) -> r.loggerPrefix().length()).reversed())
                .toArray(RouteConfig[]::new);
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
        this.highWaterDepth = Math.max(1, (long) Math.ceil(capacity * config.highWaterMark()));
        this.highWaterSampleMask = Math.max(1, capacity / 8) - 1; // look at the depth 8 times per lap of the ring
        this.maxMessageChars = config.maxMessageChars();
        this.writer = DaemonThreads.named("spool-writer").newThread(this::runWriter);
    }

    /**
     * Opens every destination and starts the writer thread.
     *
     * @throws IllegalStateException naming the destination that could not be opened
     */
    public static Pipeline start(SpoolConfig config) {
        List<Destination> opened = new ArrayList<>();
        try {
            for (DestinationConfig d : config.destinations().values()) {
                opened.add(new Destination(d.name(), d.type(), open(d, config.resource())));
            }
        } catch (RuntimeException | java.io.IOException e) {
            opened.forEach(Destination::close);
            throw new IllegalStateException(e.getMessage(), e);
        }
        Pipeline p = new Pipeline(config, opened.toArray(new Destination[0]));
        p.writer.start();
        if (config.shutdownHook()) {
            p.shutdownHook = new Thread(() -> p.shutdown(config.shutdownTimeout()), "spool-shutdown-" + config.name());
            Runtime.getRuntime().addShutdownHook(p.shutdownHook);
        }
        return p;
    }

    private static Sink open(DestinationConfig d, Resource resource) throws java.io.IOException {
        try {
            Sink sink = d.factory().open(new SinkContext() {
                @Override public String destinationName() { return d.name(); }
                @Override public Resource resource() { return resource; }
            });
            if (sink == null) {
                throw new IllegalStateException("factory returned no sink");
            }
            return sink;
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("destination '" + d.name() + "' (" + d.type()
                    + ") could not be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Registers the stats MXBean if the configuration asks for it. Separate from {@link #start} because
     * the first use of the platform MBean server can initialise java.util.logging, whose configuration
     * may ask Spool for a logger: call it once the pipeline is in place to serve that request.
     */
    public void registerJmx() {
        if (config.jmx() && jmx == null && !isShutdown()) {
            jmx = PipelineJmx.register(this);
        }
    }

    /** The configuration this pipeline runs. */
    @Override
    public SpoolConfig config() {
        return config;
    }

    /** The name of the pipeline (JMX, thread names). */
    public String name() {
        return config.name();
    }

    /** Whether shutdown has begun. */
    public boolean isShutdown() {
        return cursor.get() < 0;
    }

    // ---------------------------------------------------------------- routing

    /** Decides the route for a logger name (at logger creation and reconfiguration, never per event). */
    public Route resolve(String loggerName) {
        RouteConfig primary = null;
        OverflowPolicy policy = null;
        Map<Destination, Integer> targets = new LinkedHashMap<>();
        for (RouteConfig route : routesBySpecificity) {
            if (!route.matches(loggerName)) {
                continue;
            }
            primary = primary == null ? route : primary;
            policy = policy == null ? route.overflow() : policy;
            for (RouteConfig.Target t : route.targets()) {
                int min = Math.max(t.minLevel().ordinal(), destinationMinLevels.get(t.destination()));
                targets.merge(destinationsByName.get(t.destination()), min, Math::min);
            }
            if (!route.additive()) {
                break;
            }
        }
        Destination[] ds = targets.keySet().toArray(new Destination[0]);
        int[] mins = targets.values().stream().mapToInt(Integer::intValue).toArray();
        return new Route(this, primary == null ? Level.INFO.ordinal() : primary.level().ordinal(),
                primary == null ? -1 : primary.loggerPrefix().length(),
                policy == null ? OverflowPolicy.BLOCK : policy, ds, mins);
    }

    // ---------------------------------------------------------------- producers

    /**
     * Captures and enqueues one event; the caller already checked its level. Never throws, never waits
     * on I/O; with the {@code block} policy it may wait for queue space.
     *
     * @return false if this pipeline has shut down and nothing was counted: the caller should retry
     *         with its logger's current route, or call {@link #countAfterShutdown()}
     */
    public boolean publish(String logger, Route route, Level level, String pattern, int argc, Object a0,
                           Object a1, Object[] args, Throwable thrown, String[] keys, Object[] values,
                           int fieldCount) {
        Scratch scratch = Scratch.acquire();
        try {
            Throwable trailing = MessageFormatter.format(scratch.message, pattern, argc, a0, a1, args);
            if (scratch.message.length() > maxMessageChars) {
                truncate(scratch.message);
            }
            Throwable exception = thrown != null ? thrown : trailing;
            long seq = claim(level, route.policy);
            Slot slot;
            if (seq >= 0) {
                slot = ring[(int) seq & mask];
            } else if (seq == CODE_SYNC) {
                slot = scratch.syncEvent;
            } else {
                return seq != CODE_CLOSED; // dropped (already counted), or closed: the caller retries
            }
            fill(slot, logger, route, level, scratch.message, exception, keys, values, fieldCount);
            commit(slot, seq);
            return true;
        } finally {
            scratch.free();
        }
    }

    /** Cuts an oversized message at the limit (not inside a surrogate pair) and says how much was cut. */
    private void truncate(StringBuilder message) {
        int cut = maxMessageChars;
        if (Character.isHighSurrogate(message.charAt(cut - 1))) {
            cut--;
        }
        int removed = message.length() - cut;
        message.setLength(cut);
        message.append("...[truncated ").append(removed).append(" chars]");
    }

    /** Counts an event that reached this pipeline after shutdown. */
    public void countAfterShutdown() {
        drops[DropReason.AFTER_SHUTDOWN.ordinal()].increment();
    }

    /**
     * Enqueues a metric sample: an INFO event of kind metric whose message reads {@code name=value unit}
     * and whose fields are the tags.
     *
     * @return false if this pipeline has shut down (see {@link #publish})
     */
    public boolean publishMetric(String logger, Route route, String name, double value, String unit,
                                 String[] tagKeys, Object[] tagValues, int tagCount) {
        Scratch scratch = Scratch.acquire();
        try {
            scratch.message.append(name).append('=').append(value);
            if (unit != null && !unit.isEmpty()) {
                scratch.message.append(' ').append(unit);
            }
            long seq = claim(Level.INFO, route.policy);
            Slot slot;
            if (seq >= 0) {
                slot = ring[(int) seq & mask];
            } else if (seq == CODE_SYNC) {
                slot = scratch.syncEvent;
            } else {
                return seq != CODE_CLOSED;
            }
            fill(slot, logger, route, Level.INFO, scratch.message, null, tagKeys, tagValues, tagCount);
            slot.kind = EventKind.METRIC;
            slot.metricName = name;
            slot.metricValue = value;
            slot.metricUnit = unit == null ? "" : unit;
            commit(slot, seq);
            return true;
        } finally {
            scratch.free();
        }
    }

    /**
     * Enqueues an event made elsewhere (received by a collector, read from a broker), keeping its id,
     * time, thread, context and resource. Routed by its logger name like a local event; dropped (not
     * counted: it is below the level) when the route's level excludes it.
     *
     * @return false if this pipeline has shut down and the event was counted as dropped
     */
    @Override
    public boolean ingest(LogEvent event) {
        Route route = routeCache.computeIfAbsent(event.logger(), this::resolve);
        if (event.level().ordinal() < route.threshold(null, -1)) {
            return true;
        }
        long seq = claim(event.level(), route.policy);
        if (seq == CODE_CLOSED) {
            countAfterShutdown();
            return false;
        }
        if (seq == CODE_DROPPED) {
            return true;
        }
        Scratch scratch = Scratch.acquire();
        try {
            Slot slot = seq >= 0 ? ring[(int) seq & mask] : scratch.syncEvent;
            copy(event, slot, route);
            commit(slot, seq);
            return true;
        } finally {
            scratch.free();
        }
    }

    private static void copy(LogEvent event, Slot slot, Route route) {
        slot.hasId = true;
        slot.idHigh = event.idHigh();
        slot.idLow = event.idLow();
        slot.timestampMicros = event.timestampMicros();
        slot.level = event.level();
        slot.logger = event.logger();
        slot.route = route;
        slot.threadName = event.threadName();
        slot.threadId = event.threadId();
        slot.message.setLength(0);
        slot.message.append(event.message());
        slot.throwable = event.throwable();
        slot.context = event.context();
        slot.resource = event.resource();
        slot.setFields(event);
        slot.kind = event.kind();
        slot.metricName = event.metricName();
        slot.metricValue = event.metricValue();
        slot.metricUnit = event.metricUnit();
    }

    private void commit(Slot slot, long seq) {
        if (seq >= 0) {
            slot.sequence = seq; // publish: volatile write, see Slot
            if (writerParked) {
                LockSupport.unpark(writer);
            }
        } else {
            writeSynchronously(slot);
        }
    }

    private void fill(Slot slot, String logger, Route route, Level level, StringBuilder message,
                      Throwable exception, String[] keys, Object[] values, int fieldCount) {
        Thread current = Thread.currentThread();
        slot.timestampMicros = WallClock.micros();
        slot.level = level;
        slot.logger = logger;
        slot.route = route;
        slot.threadName = current.getName();
        slot.threadId = current.getId();
        slot.message.setLength(0);
        slot.message.append(message);
        slot.throwable = exception;
        slot.context = Context.current();
        slot.resource = resource;
        if (fieldCount > 0) {
            slot.setFields(keys, values, fieldCount);
        } else {
            slot.fieldCount = 0;
        }
    }

    private long claim(Level level, OverflowPolicy policy) {
        int attempts = 0;
        while (true) {
            long current = cursor.get();
            if (current < 0) {
                return CODE_CLOSED;
            }
            if (current - capacity >= consumedCache) {
                long freed = consumed.get();
                consumedCache = freed;
                if (current - capacity >= freed) {
                    long decision = onFull(level, policy);
                    if (decision != CODE_WAIT) {
                        return decision;
                    }
                    waitForSpace(attempts++, current);
                    continue;
                }
            }
            if (cursor.compareAndSet(current, current + 1)) {
                if ((current & highWaterSampleMask) == 0 && current - consumedCache >= highWaterDepth) {
                    checkHighWater(current); // sampled: one AND and compare per event, nothing more
                }
                return current;
            }
        }
    }

    private long onFull(Level level, OverflowPolicy policy) {
        if (maxDepth < capacity) {
            maxDepth = capacity;
        }
        boolean mayWait = !writeLock.isHeldByCurrentThread(); // the writer (or a sync writer) must not wait for itself
        switch (policy.kind()) {
            case DROP:
                return drop(DropReason.QUEUE_FULL);
            case DROP_BELOW:
                if (!level.isAtLeast(policy.threshold())) {
                    return drop(DropReason.QUEUE_FULL);
                }
                return mayWait ? CODE_WAIT : drop(DropReason.WRITER_REENTRY);
            case SYNC_FALLBACK:
                if (!level.isAtLeast(policy.threshold())) {
                    return drop(DropReason.QUEUE_FULL);
                }
                return mayWait ? CODE_SYNC : drop(DropReason.WRITER_REENTRY);
            default:
                return mayWait ? CODE_WAIT : drop(DropReason.WRITER_REENTRY);
        }
    }

    private long drop(DropReason reason) {
        drops[reason.ordinal()].increment();
        return CODE_DROPPED;
    }

    /**
     * A producer's wait for a slot: spin briefly, yield a little, then park until the writer frees
     * space (see {@link SpaceWaiters}). On 2 cores, producers that keep polling take the CPU the writer
     * needs to make room.
     */
    private void waitForSpace(int attempts, long claimAt) {
        if (attempts == 0) {
            LockSupport.unpark(writer);
        }
        if (attempts < 32) {
            Thread.onSpinWait();
        } else if (attempts < 36) {
            Thread.yield();
        } else {
            int entry = spaceWaiters.register();
            try {
                if (claimAt - capacity >= consumed.get() && cursor.get() >= 0) {
                    LockSupport.parkNanos(this, entry >= 0 ? MAX_SPACE_WAIT_NANOS : UNREGISTERED_SPACE_WAIT_NANOS);
                }
            } finally {
                spaceWaiters.unregister(entry);
            }
        }
    }

    private void writeSynchronously(Slot own) {
        // Every sequence claimed before now, this thread's own queued events among them, is written
        // first, so per-thread order holds. A slot claimed by another thread but not yet published is a
        // gap to wait for (its producer fills it without any lock), not a place to stop.
        long claimedBefore = cursor.get() & ~CLOSED_BIT;
        writeLock.lock();
        try {
            while (consumed.get() < claimedBefore) {
                if (drainLocked(Integer.MAX_VALUE) == 0) {
                    Thread.yield();
                }
            }
            dispatch(own);
            own.release();
            syncWritten = syncWritten + 1;
            flushDestinations();
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- writer

    private void runWriter() {
        long lastHousekeeping = System.nanoTime();
        while (true) {
            int taken;
            writeLock.lock();
            try {
                taken = drainLocked(config.maxBatch());
            } finally {
                writeLock.unlock();
            }
            long now = System.nanoTime();
            if (now - lastHousekeeping > HOUSEKEEPING_NANOS) {
                housekeeping();
                lastHousekeeping = now;
            }
            if (taken > 0) {
                continue;
            }
            long c = cursor.get();
            if (c < 0 && (consumed.get() >= (c & ~CLOSED_BIT) || now - shutdownDeadlineNanos > 0)) {
                break;
            }
            idle(c < 0);
            retryBacklogs();
        }
        finishWriter();
    }

    private int drainLocked(int limit) {
        long next = consumed.get();
        long depth = (cursor.get() & ~CLOSED_BIT) - next;
        noteDepth(depth);
        int taken = 0;
        while (taken < limit) {
            Slot slot = ring[(int) next & mask];
            if (slot.sequence != next) {
                break;
            }
            dispatch(slot);
            slot.release();
            next++;
            taken++;
            if ((taken & 127) == 0) {
                consumed.set(next); // free space early so blocked producers move while the batch goes on
                noteDepth((cursor.get() & ~CLOSED_BIT) - next);
                if ((taken & 511) == 0) {
                    spaceWaiters.wakeSome();
                }
            }
        }
        if (taken > 0) {
            consumed.set(next);
            spaceWaiters.wakeSome();
            flushDestinations();
            batches = batches + 1;
            flushed = next;
            if (flushWaiters.get() > 0) {
                synchronized (flushMonitor) {
                    flushMonitor.notifyAll();
                }
            }
        }
        return taken;
    }

    private void noteDepth(long depth) {
        if (depth > maxDepth) {
            maxDepth = depth;
        }
    }

    private void checkHighWater(long claimed) {
        long depth = claimed + 1 - consumed.get();
        if (depth >= highWaterDepth) {
            Diagnostics.warn("queue.highwater." + config.name(), "queue of pipeline '" + config.name() + "' is "
                    + (100 * depth / capacity) + "% full (" + depth + " of " + capacity
                    + " events); producers now wait or drop as their route's overflow policy says", null);
        }
    }

    private void dispatch(Slot event) {
        if (!event.hasId) {
            if (idNext == idEnd) {
                idNext = EventId.reserve(ID_BLOCK);
                idEnd = idNext + ID_BLOCK;
            }
            event.idHigh = EventId.high(event.timestampMicros / 1_000);
            event.idLow = EventId.low(idNext++);
        }
        Route route = event.route;
        int level = event.level.ordinal();
        Destination[] ds = route.destinations;
        for (int i = 0; i < ds.length; i++) {
            if (level >= route.minLevels[i]) {
                ds[i].write(event);
            }
        }
    }

    private void flushDestinations() {
        for (Destination d : destinations) {
            d.flushIfNeeded();
        }
    }

    private void idle(boolean closing) {
        long next = consumed.get();
        Slot slot = ring[(int) next & mask];
        for (int i = 0; i < 100; i++) {
            if (slot.sequence == next) {
                return;
            }
            Thread.onSpinWait();
        }
        writerParked = true;
        if (slot.sequence != next) { // re-check after announcing: a producer publishing now will unpark us
            LockSupport.parkNanos(this, closing ? 1_000_000L : anyBacklog() ? BACKLOG_PARK_NANOS : IDLE_PARK_NANOS);
        }
        writerParked = false;
    }

    private boolean anyBacklog() {
        for (Destination d : destinations) {
            if (d.hasBacklog()) {
                return true;
            }
        }
        return false;
    }

    private void housekeeping() {
        WallClock.recalibrate();
        retryBacklogs();
    }

    /** A destination holding undelivered data is retried whenever the writer wakes (every 20 ms while idle). */
    private void retryBacklogs() {
        if (anyBacklog()) {
            writeLock.lock();
            try {
                flushDestinations();
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void finishWriter() {
        writeLock.lock();
        try {
            long end = cursor.get() & ~CLOSED_BIT;
            long left = end - consumed.get();
            if (left > 0) {
                timeoutDropped = left; // written before consumed moves, so stats never count them twice
                consumed.set(end);
            }
            for (Destination d : destinations) {
                d.close();
            }
        } finally {
            finished = true;
            writeLock.unlock();
            synchronized (flushMonitor) {
                flushMonitor.notifyAll();
            }
        }
    }

    // ---------------------------------------------------------------- flush and shutdown

    /**
     * Waits until every event accepted before this call has been handed to its destinations and they
     * were flushed.
     *
     * @return true if that happened within {@code timeout}; false on timeout or if the pipeline shut
     *         down first
     */
    @Override
    public boolean flush(Duration timeout) {
        long target = cursor.get() & ~CLOSED_BIT;
        if (flushed >= target) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        flushWaiters.incrementAndGet();
        try {
            LockSupport.unpark(writer);
            synchronized (flushMonitor) {
                while (flushed < target && !finished) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    flushMonitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
            return flushed >= target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            flushWaiters.decrementAndGet();
        }
    }

    /**
     * Stops accepting events, drains the queue for at most {@code timeout}, closes the destinations and
     * reports on stderr what was not written. Idempotent; later events are counted as
     * {@code after_shutdown}.
     *
     * @return the final stats
     */
    @Override
    public PipelineStats shutdown(Duration timeout) {
        boolean first = false;
        while (true) {
            long c = cursor.get();
            if (c < 0) {
                break;
            }
            shutdownDeadlineNanos = System.nanoTime() + timeout.toNanos();
            if (cursor.compareAndSet(c, c | CLOSED_BIT)) {
                first = true;
                break;
            }
        }
        LockSupport.unpark(writer);
        if (Thread.currentThread() != writer) {
            awaitWriter(timeout);
        }
        PipelineStats stats = stats();
        if (first) {
            afterShutdown(stats, timeout);
        }
        return stats;
    }

    private void awaitWriter(Duration timeout) {
        try {
            writer.join(Math.max(1, timeout.toMillis() + 1_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void afterShutdown(PipelineStats stats, Duration timeout) {
        PipelineJmx bean = jmx;
        if (bean != null) {
            bean.unregister();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting; the hook runs or ran anyway
            }
        }
        if (writer.isAlive()) {
            Diagnostics.info("pipeline '" + name() + "': the writer did not finish within " + timeout
                    + " (a destination is stuck); " + stats.pending() + " events not written");
        } else if (stats.droppedTotal() > 0 || stats.destinationFailed() > 0) {
            Diagnostics.info("pipeline '" + name() + "' shut down: " + stats.written() + " events written, "
                    + stats.droppedTotal() + " not written " + stats.dropped() + ", "
                    + stats.destinationFailed() + " refused by destinations");
        }
    }

    // ---------------------------------------------------------------- stats

    /** A consistent snapshot of the counters. Safe from any thread. */
    @Override
    public PipelineStats stats() {
        boolean locked = false;
        try {
            locked = writeLock.tryLock(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return snapshot();
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    private PipelineStats snapshot() {
        // Writer-side values first, then the claim cursor, which only grows: pending is never negative
        // and accepted == written + dropped + pending holds by construction of each term.
        long timeout = timeoutDropped;
        long taken = consumed.get();
        long sync = syncWritten;
        Map<String, Long> dropped = new LinkedHashMap<>();
        long unclaimedDrops = 0;
        for (DropReason r : DropReason.values()) {
            long n = drops[r.ordinal()].sum();
            unclaimedDrops += n;
            dropped.put(r.label(), r == DropReason.SHUTDOWN_TIMEOUT ? n + timeout : n);
        }
        long claimed = cursor.get() & ~CLOSED_BIT;
        List<dev.spool.DestinationStats> ds = new ArrayList<>();
        for (Destination d : destinations) {
            ds.add(d.stats());
        }
        long written = taken - timeout + sync;
        long pending = claimed - taken;
        return new PipelineStats(config.name(), claimed + sync + unclaimedDrops, written, dropped, pending,
                capacity, Math.min(maxDepth, capacity), batches, ds);
    }
}
