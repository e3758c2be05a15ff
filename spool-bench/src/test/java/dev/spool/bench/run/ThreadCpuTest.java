package dev.spool.bench.run;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    /** Spins on the CPU until {@code nanos} of its own CPU time have passed; returns a value so it is not dead code. */
    private static long burn(long nanos) {
        long start = ThreadCpu.currentThreadNanos();
        long x = 0;
        while (ThreadCpu.currentThreadNanos() - start < nanos) {
            x += System.nanoTime() & 1;
        }
        return x;
    }

    @Test
    void countsABackendThreadThatEndedAsTheBackendsCpu() throws Exception {
        ThreadCpu cpu = ThreadCpu.begin();
        Thread writer = new Thread(() -> burn(TimeUnit.MILLISECONDS.toNanos(150)), "spool-writer-test");
        writer.start();
        writer.join();
        cpu.producersDone();
        Map<String, String> result = cpu.end(0);

        long backend = Long.parseLong(result.get("cpu.backendNanos"));
        long process = Long.parseLong(result.get("cpu.processNanos"));
        assertThat(backend).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(140));
        assertThat(process).isGreaterThanOrEqualTo(backend);
    }

    @Test
    void leavesTheProducersTimeToTheProducers() {
        ThreadCpu cpu = ThreadCpu.begin();
        cpu.producersDone();
        Map<String, String> result = cpu.end(12_345);

        assertThat(result.get("cpu.producerNanos")).isEqualTo("12345");
        assertThat(Long.parseLong(result.get("cpu.backendNanos"))).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void readsTheStealColumnOfTheTotalCpuLine() {
        assertThat(ThreadCpu.stealTicks("cpu  592337 559 106541 550443 2862 0 1347 1848 0 0")).isEqualTo(1848);
        assertThat(ThreadCpu.stealTicks("cpu 1 2 3 4 5 6 7")).isZero(); // a kernel without the column
        assertThat(ThreadCpu.stealTicks("cpu0 1 2 3 4 5 6 7 8 0 0")).isEqualTo(-1); // one CPU's line, not the total
    }

    @Test
    void reportsTheStealDuringTheRunWhereProcStatExists() {
        ThreadCpu cpu = ThreadCpu.begin();
        cpu.producersDone();
        Map<String, String> result = cpu.end(0);
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
            assertThat(Long.parseLong(result.get("cpu.hostStealNanos"))).isNotNegative();
            assertThat(ThreadCpu.stealTicks()).isNotNegative();
        } else {
            assertThat(result).doesNotContainKey("cpu.hostStealNanos");
        }
    }
}
