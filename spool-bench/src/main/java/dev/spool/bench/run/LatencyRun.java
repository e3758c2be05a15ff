package dev.spool.bench.run;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency under a fixed load: {@code threads} producers share {@code ratePerSecond}, each event has an
 * intended start on a fixed schedule, and its latency is measured from that intended start, not from
 * when the producer got round to it. A call that stalls therefore also charges the events queued up
 * behind it (coordinated omission corrected), as a real request stream would see.
 *
 * <p>A rate of 0 means saturation: no schedule, every producer calls again as soon as the last call
 * returned, and each latency is that call's own duration (with the block policy, a call that waits for
 * queue space shows that wait). There is no intended start to be late for, so nothing to correct.
 */
final class LatencyRun {

    private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final LogTarget target;
    private final int threads;
    private final long ratePerSecond;
    private final int warmupPerThread;
    private final int measuredPerThread;
    private final Histogram[] histograms;
    private final long[] firstMeasuredIntended;
    private final long[] lastEnd;
    private final long[] cpuNanos;
    private long startNanos; // written before go opens, read after: the latch orders it

    LatencyRun(LogTarget target, int threads, long ratePerSecond, int warmupPerThread, int measuredPerThread) {
        this.target = target;
        this.threads = threads;
        this.ratePerSecond = ratePerSecond;
        this.warmupPerThread = warmupPerThread;
        this.measuredPerThread = measuredPerThread;
        this.histograms = new Histogram[threads];
        this.firstMeasuredIntended = new long[threads];
        this.lastEnd = new long[threads];
        this.cpuNanos = new long[threads];
    }

    /**
     * Runs the schedule, stops the backend and returns the percentiles and the run's CPU time by who spent
     * it ({@code cpu.*}, warm-up included, see {@link ThreadCpu}); writes the full distribution.
     */
    Map<String, String> run(Path distributionFile) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Thread[] producers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            histograms[t] = new Histogram(1, MAX_TRACKED_NANOS, 3);
            producers[t] = new Thread(() -> produce(id, ready, go), "bench-producer-" + t);
            producers[t].start();
        }
        ready.await();
        ThreadCpu cpu = ThreadCpu.begin();
        startNanos = System.nanoTime() + START_DELAY_NANOS;
        go.countDown();
        for (Thread p : producers) {
            p.join();
        }
        long producersDone = System.nanoTime();
        cpu.producersDone();
        Map<String, String> counters = target.stop();
        long drainNanos = System.nanoTime() - producersDone;
        Histogram all = merged();
        writeDistribution(all, distributionFile);
        Map<String, String> result = summary(all, drainNanos);
        result.putAll(cpu.end(Arrays.stream(cpuNanos).sum()));
        counters.forEach((k, v) -> result.put("stop." + k, v));
        return result;
    }

    private void produce(int id, CountDownLatch ready, CountDownLatch go) {
        ready.countDown();
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long cpuStart = ThreadCpu.currentThreadNanos();
        lastEnd[id] = runSchedule(id, startNanos, histograms[id]);
        cpuNanos[id] = ThreadCpu.currentThreadNanos() - cpuStart;
    }

    /** Logs every event of producer {@code id} at its intended time; returns when the last call ended. */
    private long runSchedule(int id, long start, Histogram histogram) {
        long end = 0;
        if (ratePerSecond == 0) {
            return runSaturated(id, histogram);
        }
        for (int k = 0; k < warmupPerThread + measuredPerThread; k++) {
            long intended = start + intendedOffsetNanos(id, k);
            if (k == warmupPerThread) {
                firstMeasuredIntended[id] = intended;
            }
            // Pacing by parkNanos until the intended start is part of what is measured: its timer slack
            // (tens of microseconds on Linux) delays every backend alike, and the noop backend shows it.
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            target.log(id, k);
            end = System.nanoTime();
            if (k >= warmupPerThread) {
                histogram.recordValue(Math.min(end - intended, MAX_TRACKED_NANOS));
            }
        }
        return end;
    }

    /** Logs every event of producer {@code id} back to back, timing each call; returns when the last ended. */
    private long runSaturated(int id, Histogram histogram) {
        long end = 0;
        for (int k = 0; k < warmupPerThread + measuredPerThread; k++) {
            long begin = System.nanoTime();
            if (k == warmupPerThread) {
                firstMeasuredIntended[id] = begin;
            }
            target.log(id, k);
            end = System.nanoTime();
            if (k >= warmupPerThread) {
                histogram.recordValue(Math.min(end - begin, MAX_TRACKED_NANOS));
            }
        }
        return end;
    }

    /** Event k of producer id is due at ((k * threads + id) / rate) seconds: producers interleave evenly. */
    private long intendedOffsetNanos(int id, int k) {
        return ((long) k * threads + id) * 1_000_000_000L / ratePerSecond;
    }

    private Histogram merged() {
        Histogram all = new Histogram(1, MAX_TRACKED_NANOS, 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        return all;
    }

    private Map<String, String> summary(Histogram all, long drainNanos) {
        long first = Long.MAX_VALUE;
        long last = 0;
        for (int t = 0; t < threads; t++) {
            first = Math.min(first, firstMeasuredIntended[t]);
            last = Math.max(last, lastEnd[t]);
        }
        double achieved = (double) measuredPerThread * threads * 1e9 / Math.max(1, last - first);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("count", Long.toString(all.getTotalCount()));
        result.put("achievedRate", Long.toString(Math.round(achieved)));
        result.put("p50Nanos", Long.toString(all.getValueAtPercentile(50)));
        result.put("p99Nanos", Long.toString(all.getValueAtPercentile(99)));
        result.put("p999Nanos", Long.toString(all.getValueAtPercentile(99.9)));
        result.put("p9999Nanos", Long.toString(all.getValueAtPercentile(99.99)));
        result.put("maxNanos", Long.toString(all.getMaxValue()));
        result.put("drainNanos", Long.toString(drainNanos));
        return result;
    }

    private static void writeDistribution(Histogram all, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            all.outputPercentileDistribution(out, 1000.0); // values in microseconds
        }
    }
}
