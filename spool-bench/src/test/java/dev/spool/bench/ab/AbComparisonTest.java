package dev.spool.bench.ab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AbComparisonTest {

    private static final String HEADER = "backend,label,threads,repeat,events,producer_ns,end_to_end_ns,bytes,"
            + "events_per_s,producer_events_per_s,mb_per_s,check,note,shape,cpu_producer_ns_per_event,"
            + "cpu_backend_ns_per_event,cpu_process_ns_per_event,cpu_jit_ns,cpu_gc_ns";

    private static void run(Path dir, String name, double rate, double producerCpu) throws Exception {
        Files.createDirectories(dir.resolve(name));
        Files.write(dir.resolve(name).resolve("e2e.csv"), List.of(HEADER,
                "spool,Spool,1,1,100,1,1,1," + rate + ",1,1,OK,,args3,"
                        + producerCpu + ",100.000,500.000,1,1"));
    }

    @Test
    void comparesCpuPerEventWithLowerBetter(@TempDir Path dir) throws Exception {
        run(dir, "01-old", 1000, 200);
        run(dir, "01-new", 1000, 250);

        Map<String, AbComparison.Cell> cells = AbComparison.collect(dir);
        List<String> lines = new ArrayList<>();
        boolean worse = AbComparison.render(cells, 0.03, lines);

        assertThat(worse).isTrue();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("CPU ns/event producers").contains("0.800")
                .contains("WORSE"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("CPU ns/event process").contains("1.000"));
    }

    @Test
    void skipsCpuCellsWhenAnOldBuildDidNotMeasureThem(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("01-old"));
        Files.write(dir.resolve("01-old").resolve("e2e.csv"), List.of(
                "backend,label,threads,repeat,events,producer_ns,end_to_end_ns,bytes,events_per_s,"
                        + "producer_events_per_s,mb_per_s,check,note",
                "spool,Spool,1,1,100,1,1,1,1000,1,1,OK,"));
        run(dir, "01-new", 1000, 250);

        Map<String, AbComparison.Cell> cells = AbComparison.collect(dir);

        // the old CSV has no shape column either: its runs are the args3 shape, the only one it had
        String producers = String.format(java.util.Locale.ROOT, "e2e %-14s %-9s %3s threads", "spool", "args3", "1")
                + " CPU ns/event producers";
        assertThat(cells.get(producers).oldValues).isEmpty();
        assertThat(cells.get(producers).newValues).containsExactly(250.0);
    }
}
