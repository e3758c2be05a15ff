package dev.spool.bench.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputRunTest {

    /** Records what the run asked of it, in order, from every producer thread. */
    private static final class Recording implements LogTarget {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void log(int thread, int index) {
            calls.add(thread + ":" + index);
        }

        @Override
        public Map<String, String> stop() {
            calls.add("stop");
            return Map.of("seen", Integer.toString(calls.size()));
        }

        @Override
        public void drain() {
            calls.add("drain");
        }

        @Override
        public Map<String, String> facts() {
            return Map.of();
        }
    }

    @Test
    void theColdPassLogsTheFirstIndexesAndIsDrainedBeforeTheMeasuredPassStarts() throws Exception {
        Recording target = new Recording();

        Map<String, String> result = new ThroughputRun(target, 3, 50, 70, 0).run();

        int drain = target.calls.indexOf("drain");
        assertThat(drain).as("every cold event before the drain").isEqualTo(3 * 50);
        assertThat(target.calls.subList(0, drain)).allMatch(c -> Integer.parseInt(c.split(":")[1]) < 50);
        assertThat(target.calls.subList(drain + 1, target.calls.size() - 1))
                .hasSize(3 * 70).allMatch(c -> Integer.parseInt(c.split(":")[1]) >= 50);
        assertThat(target.calls.get(target.calls.size() - 1)).isEqualTo("stop");
        for (int t = 0; t < 3; t++) {
            String prefix = t + ":";
            assertThat(target.calls.stream().filter(c -> c.startsWith(prefix)).map(c -> Integer.parseInt(c.substring(2))))
                    .as("producer %d logs 0..119 in order", t).isSorted().hasSize(120).startsWith(0).endsWith(119);
        }
        assertThat(result).containsKeys("cold.producerNanos", "cold.endToEndNanos", "cold.cpu.processNanos",
                "producerNanos", "endToEndNanos", "cpu.processNanos", "stop.seen");
        assertThat(Long.parseLong(result.get("cold.endToEndNanos")))
                .isGreaterThanOrEqualTo(Long.parseLong(result.get("cold.producerNanos")));
        assertThat(result).containsEntry("cold.perThread", "50");
    }

    @Test
    void withoutAColdPassNothingIsDrainedAndNoColdFigureIsReported() throws Exception {
        Recording target = new Recording();

        Map<String, String> result = new ThroughputRun(target, 2, 40, 0).run();

        assertThat(target.calls).doesNotContain("drain").hasSize(2 * 40 + 1);
        assertThat(result.keySet()).noneMatch(k -> k.startsWith("cold."));
    }
}
