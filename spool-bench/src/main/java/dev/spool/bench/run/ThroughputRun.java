package dev.spool.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end: {@code threads} producers each log {@code perThread} events as fast as they can; the clock
 * starts when they are released together and stops when the backend's shutdown returns, that is when
 * every event has been written to the file and the file closed.
 *
 * <p>With a cold pass, the same producers first log {@code coldPerThread} events each (indexes before the
 * measured ones, so the file holds one unbroken sequence per producer), timed from their release until
 * the backend has drained its queue ({@link LogTarget#drain()}); the measured pass starts after that, in
 * a JVM whose JIT has compiled the path. Both passes are reported: {@code cold.*} and the plain keys.
 */
final class ThroughputRun {

    private final LogTarget target;
    private final int threads;
    private final int coldPerThread;
    private final int perThread;
    private final int firstProducer;

    /** @param firstProducer the id of the first producer: processes sharing one file number theirs apart */
    ThroughputRun(LogTarget target, int threads, int perThread, int firstProducer) {
        this(target, threads, 0, perThread, firstProducer);
    }

    /** @param coldPerThread events per producer in the cold pass before the measured one; 0: none */
    ThroughputRun(LogTarget target, int threads, int coldPerThread, int perThread, int firstProducer) {
        if (coldPerThread < 0 || perThread < 0) {
            throw new IllegalArgumentException("events per thread must not be negative: cold " + coldPerThread
                    + ", measured " + perThread);
        }
        this.target = target;
        this.threads = threads;
        this.coldPerThread = coldPerThread;
        this.perThread = perThread;
        this.firstProducer = firstProducer;
    }

    /**
     * Runs once and returns {@code producerNanos} and {@code endToEndNanos}, and the run's CPU time by who
     * spent it ({@code cpu.*}, see {@link ThreadCpu}).
     */
    Map<String, String> run() throws Exception {
        return runWhen(null, null);
    }

    /**
     * As {@link #run()}, but once the producers are ready it creates {@code ready} and releases them only
     * when {@code go} exists, so several processes start together. Also returns {@code startNanos} and
     * {@code endNanos} from {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC, one clock for
     * every process on the machine.
     */
    Map<String, String> runWhen(Path readyFile, Path go) throws Exception {
        Pass cold = new Pass(threads);
        Pass measured = new Pass(threads);
        Thread[] producers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            producers[t] = new Thread(() -> produce(id, cold, measured), "bench-producer-" + (firstProducer + t));
            producers[t].start();
        }
        cold.ready.await();
        if (go != null) {
            Files.createFile(readyFile);
            while (!Files.exists(go)) {
                LockSupport.parkNanos(100_000); // the start barrier between processes: a file the driver creates
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        if (coldPerThread > 0) {
            ThreadCpu coldCpu = ThreadCpu.begin();
            long coldStart = System.nanoTime();
            cold.release.countDown();
            measured.ready.await(); // every producer has ended its cold pass
            long coldProducersDone = max(cold.doneNanos);
            coldCpu.producersDone();
            target.drain();
            long drained = System.nanoTime();
            result.put("cold.perThread", Integer.toString(coldPerThread));
            result.put("cold.producerNanos", Long.toString(coldProducersDone - coldStart));
            result.put("cold.endToEndNanos", Long.toString(drained - coldStart));
            coldCpu.end(sum(cold.cpuNanos)).forEach((k, v) -> result.put("cold." + k, v));
        } else {
            cold.release.countDown(); // nothing to log: straight on to the measured pass
            measured.ready.await();
        }
        ThreadCpu cpu = ThreadCpu.begin();
        long start = System.nanoTime();
        measured.release.countDown();
        joinAll(producers);
        long producersDone = max(measured.doneNanos);
        cpu.producersDone();
        Map<String, String> counters = target.stop();
        long written = System.nanoTime();
        counters.forEach((k, v) -> result.put("stop." + k, v));
        result.put("producerNanos", Long.toString(producersDone - start));
        result.put("endToEndNanos", Long.toString(written - start));
        result.put("startNanos", Long.toString(start));
        result.put("endNanos", Long.toString(written));
        result.putAll(cpu.end(sum(measured.cpuNanos)));
        return result;
    }

    /** One pass's start barrier and what each producer measured of itself in it. */
    private static final class Pass {
        final CountDownLatch ready;
        final CountDownLatch release = new CountDownLatch(1);
        final long[] doneNanos;
        final long[] cpuNanos;

        Pass(int threads) {
            ready = new CountDownLatch(threads);
            doneNanos = new long[threads];
            cpuNanos = new long[threads];
        }
    }

    private void produce(int id, Pass cold, Pass measured) {
        try {
            cold.ready.countDown();
            cold.release.await();
            logRange(id, 0, coldPerThread, cold);
            measured.ready.countDown(); // after the cold figures: the latch publishes them to the driver
            measured.release.await();
            logRange(id, coldPerThread, coldPerThread + perThread, measured);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logRange(int id, int from, int to, Pass pass) {
        long cpuStart = ThreadCpu.currentThreadNanos();
        for (int i = from; i < to; i++) {
            target.log(firstProducer + id, i);
        }
        pass.doneNanos[id] = System.nanoTime();
        pass.cpuNanos[id] = ThreadCpu.currentThreadNanos() - cpuStart;
    }

    private static long max(long[] values) {
        long most = Long.MIN_VALUE;
        for (long v : values) {
            most = Math.max(most, v);
        }
        return most;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    /** Waits for every producer; join makes their last pass's figures visible. */
    private static void joinAll(Thread[] producers) throws InterruptedException {
        for (Thread producer : producers) {
            producer.join();
        }
    }
}
