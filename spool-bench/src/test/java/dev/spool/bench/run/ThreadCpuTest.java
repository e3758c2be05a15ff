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
}
