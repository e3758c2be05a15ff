package dev.spool.bench.report;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

    /** A run of {@code events} that took {@code seconds} end to end. */
    private static EndToEndResult run(String backend, int threads, double seconds, String verdict) {
        long nanos = (long) (seconds * 1e9);
        return new EndToEndResult(backend, backend, threads, 1, 1_000_000, nanos / 2, nanos, 90_000_000, verdict,
                verdict.equals("OK"), "", CpuTime.NONE);
    }

    private static LatencyResult latency(String backend, int load, long achieved, long p999Nanos) {
        return new LatencyResult(backend, backend, load, 1000, achieved, LatencyResult.sustains(achieved, load),
                1000, 2000, p999Nanos, p999Nanos, p999Nanos, "OK", true, "");
    }

    private static List<String> judge(List<EndToEndResult> e2e, List<LatencyResult> latency, List<MicroResult> micro) {
        return Targets.judge(new Summary(e2e), latency, micro).stream().map(Targets.Line::render).toList();
    }

    @Nested
    class EndToEnd {
        @Test
        void passesAtTwiceLog4j2AndFailsBelow() {
            List<EndToEndResult> e2e = new ArrayList<>();
            e2e.add(run("spool", 1, 1.0, "OK"));
            e2e.add(run("log4j2-async", 1, 2.0, "OK"));
            e2e.add(run("spool", 4, 1.0, "OK"));
            e2e.add(run("log4j2-async", 4, 1.5, "OK"));

            List<String> lines = judge(e2e, List.of(), List.of());

            assertThat(lines.get(0)).startsWith("- **PASS** end to end >= 2x Log4j 2 all-async at 1 thread(s)")
                    .contains("2.00x");
            assertThat(lines.get(1)).startsWith("- **FAIL**").contains("at 4 thread(s)").contains("1.50x");
            assertThat(lines.get(2)).startsWith("- **NOT MEASURED**").contains("at 16 thread(s)");
        }

        @Test
        void failsWhenSpoolLostEventsHoweverFastItWas() {
            List<EndToEndResult> e2e = List.of(run("spool", 1, 0.1, "LOST 5/1000000"),
                    run("log4j2-async", 1, 2.0, "OK"));

            assertThat(judge(e2e, List.of(), List.of()).get(0)).startsWith("- **FAIL**").contains("LOST 5/1000000");
        }

        @Test
        void doesNotCompareWithALog4j2RunThatLostEvents() {
            List<EndToEndResult> e2e = List.of(run("spool", 1, 1.0, "OK"),
                    run("log4j2-async", 1, 9.0, "LOST 1/1000000"));

            assertThat(judge(e2e, List.of(), List.of()).get(0)).startsWith("- **NOT COMPARABLE**");
        }

        @Test
        void takesTheMedianOfRepeats() {
            List<EndToEndResult> e2e = new ArrayList<>();
            for (double seconds : new double[] {10.0, 1.0, 0.1}) {
                e2e.add(run("spool", 1, seconds, "OK"));
            }
            Summary summary = new Summary(e2e);

            assertThat(summary.cell("spool", 1).orElseThrow().eventsPerSecond())
                    .isEqualTo(1_000_000, org.assertj.core.data.Offset.offset(1.0));
            assertThat(summary.cell("spool", 1).orElseThrow().runs()).isEqualTo(3);
        }
    }

    @Nested
    class Latency {
        @Test
        void comparesP999OnlyWhereBothSustainTheLoad() {
            List<LatencyResult> results = List.of(
                    latency("spool", 50_000, 50_000, 90_000), latency("log4j2-async", 50_000, 50_000, 100_000),
                    latency("spool", 500_000, 500_000, 90_000), latency("log4j2-async", 500_000, 300_000, 100_000));

            List<String> lines = judge(List.of(), results, List.of());

            assertThat(lines.get(3)).startsWith("- **PASS** p99.9").contains("50k").contains("90.0 µs");
            assertThat(lines.get(4)).startsWith("- **NOT COMPARED**").contains("500k");
        }

        @Test
        void failsWhenOnlyLog4j2SustainsTheLoad() {
            List<LatencyResult> results = List.of(latency("spool", 500_000, 400_000, 50_000),
                    latency("log4j2-async", 500_000, 500_000, 100_000));

            assertThat(judge(List.of(), results, List.of()).get(3)).startsWith("- **FAIL**")
                    .contains("Spool did not sustain");
        }

        @Test
        void failsWhenSpoolIsSlowerAtP999() {
            List<LatencyResult> results = List.of(latency("spool", 200_000, 200_000, 200_000),
                    latency("log4j2-async", 200_000, 199_000, 100_000));

            assertThat(judge(List.of(), results, List.of()).get(3)).startsWith("- **FAIL**");
        }
    }

    @Nested
    class Allocation {
        @Test
        void passesBelowHalfAByteAndFailsAbove() {
            MicroResult zero = new MicroResult(Targets.TEXT_PATH, 1, "avgt", 50, 1, "ns/op", 0.002);
            MicroResult some = new MicroResult(Targets.TEXT_PATH, 1, "avgt", 50, 1, "ns/op", 24);

            assertThat(last(judge(List.of(), List.of(), List.of(zero))))
                    .startsWith("- **PASS**").contains("0.002 B/op");
            assertThat(last(judge(List.of(), List.of(), List.of(some))))
                    .startsWith("- **FAIL**").contains("24.000 B/op");
        }

        @Test
        void isNotMeasuredWithoutTheTextPathBenchmark() {
            assertThat(last(judge(List.of(), List.of(), List.of()))).startsWith("- **NOT MEASURED**");
        }

        private String last(List<String> lines) {
            return lines.get(lines.size() - 1);
        }
    }
}
