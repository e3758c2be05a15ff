package dev.spool.bench.report;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

    private static final List<String> PEERS = List.of("logback-sync", "log4j2-sync", "log4j2-async", "logback-async");

    /** A run of 1,000,000 events of {@code shape} that took {@code seconds} end to end. */
    private static EndToEndResult run(String backend, String shape, int threads, double seconds, String verdict) {
        long nanos = (long) (seconds * 1e9);
        return new EndToEndResult(backend, backend, threads, 1, 1_000_000, nanos / 2, nanos, 90_000_000, verdict,
                verdict.equals("OK"), "", shape, CpuTime.NONE);
    }

    /** Spool at {@code spoolSeconds} and the four peers at {@code peerSeconds} each (in PEERS order). */
    private static List<EndToEndResult> cell(String shape, int threads, double spoolSeconds, double... peerSeconds) {
        List<EndToEndResult> runs = new ArrayList<>(List.of(run("spool", shape, threads, spoolSeconds, "OK")));
        for (int p = 0; p < peerSeconds.length; p++) {
            runs.add(run(PEERS.get(p), shape, threads, peerSeconds[p], "OK"));
        }
        return runs;
    }

    private static LatencyResult latency(String backend, int load, long achieved, long p999Nanos, long p9999Nanos) {
        return new LatencyResult(backend, backend, load, 1000, achieved, LatencyResult.sustains(achieved, load),
                1000, 2000, p999Nanos, p9999Nanos, p9999Nanos, "OK", true, "");
    }

    private static List<String> judge(List<EndToEndResult> e2e, List<LatencyResult> latency, List<MicroResult> micro) {
        return Targets.judge(new Summary(e2e), latency, micro).stream().map(Targets.Line::render).toList();
    }

    private static List<String> linesWith(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Nested
    class AgainstTheFastestPeer {
        @Test
        void passesAtTwiceTheFastestPeerNamingItAndFailsBelow() {
            List<EndToEndResult> e2e = new ArrayList<>(cell("args3", 1, 1.0, 2.0, 3.0, 4.0, 5.0));
            e2e.addAll(cell("args3", 4, 1.0, 3.0, 1.5, 4.0, 5.0));

            List<String> lines = linesWith(judge(e2e, List.of(), List.of()), "the fastest peer");

            assertThat(lines.get(0)).startsWith("- **PASS** args3, 1 thread").contains("2.00x")
                    .contains("fastest peer Logback sync 500k/s");
            assertThat(lines.get(1)).startsWith("- **FAIL** args3, 4 threads").contains("1.50x")
                    .contains("fastest peer Log4j 2 sync 667k/s");
        }

        @Test
        void failsWhenSpoolLostEventsHoweverFastItWas() {
            List<EndToEndResult> e2e = new ArrayList<>(cell("kv", 1, 1.0, 9.0, 9.0, 9.0, 9.0));
            e2e.set(0, run("spool", "kv", 1, 0.1, "LOST 5/1000000"));

            assertThat(linesWith(judge(e2e, List.of(), List.of()), "the fastest peer").get(0))
                    .startsWith("- **FAIL** kv, 1 thread").contains("LOST 5/1000000");
        }

        @Test
        void leavesOutAPeerThatLostEventsAndSaysSo() {
            List<EndToEndResult> e2e = new ArrayList<>(cell("args3", 1, 1.0, 3.0, 3.0, 3.0, 3.0));
            e2e.set(3, run("log4j2-async", "args3", 1, 0.1, "REORDERED 1/1000000"));

            assertThat(linesWith(judge(e2e, List.of(), List.of()), "the fastest peer").get(0))
                    .startsWith("- **PASS**").contains("3.00x")
                    .contains("not compared, failed its check: Log4j 2 all-async REORDERED 1/1000000");
        }

        @Test
        void isNotMeasuredWhenAPeerConfigurationDidNotRun() {
            List<EndToEndResult> e2e = cell("args3", 1, 1.0, 3.0, 3.0, 3.0);

            assertThat(linesWith(judge(e2e, List.of(), List.of()), "the fastest peer").get(0))
                    .startsWith("- **NOT MEASURED**").contains("not measured: Logback AsyncAppender");
        }

        @Test
        void comparesSpoolsOwnApiWithThePeersTwoArgumentCall() {
            List<EndToEndResult> e2e = new ArrayList<>(cell("args2", 1, 1.0, 4.0, 4.0, 4.0, 4.0));
            e2e.add(run("spool", "spool-api", 1, 2.0, "OK"));

            assertThat(linesWith(judge(e2e, List.of(), List.of()), "spool-api, 1 thread: end to end >= 2.0x"))
                    .singleElement().asString().startsWith("- **PASS**").contains("2.00x");
        }

        @Test
        void takesTheMedianOfRepeats() {
            List<EndToEndResult> e2e = new ArrayList<>();
            for (double seconds : new double[] {10.0, 1.0, 0.1}) {
                e2e.add(run("spool", "args3", 1, seconds, "OK"));
            }
            Summary summary = new Summary(e2e);

            assertThat(summary.cell("spool", 1).orElseThrow().eventsPerSecond())
                    .isEqualTo(1_000_000, org.assertj.core.data.Offset.offset(1.0));
            assertThat(summary.cell("spool", 1).orElseThrow().runs()).isEqualTo(3);
        }
    }

    @Nested
    class AbsoluteAndFlat {
        @Test
        void passesAtThreeMillionPerSecondAndFailsBelowWithTheRatio() {
            List<EndToEndResult> e2e = List.of(run("spool", "args3", 1, 1_000_000 / 3.2e6, "OK"),
                    run("spool", "args3", 16, 1_000_000 / 2.4e6, "OK"));

            List<String> lines = linesWith(judge(e2e, List.of(), List.of()), ">= 3.00M events/s");

            assertThat(lines.get(0)).startsWith("- **PASS** args3, 1 thread").contains("3.20M/s");
            assertThat(lines.get(1)).startsWith("- **FAIL** args3, 16 threads").contains("0.80x the target");
        }

        @Test
        void judgesSixteenAndSixtyFourThreadsAgainstOne() {
            List<EndToEndResult> e2e = List.of(run("spool", "args3", 1, 1.0, "OK"), run("spool", "args3", 16, 1.1, "OK"),
                    run("spool", "args3", 64, 1.2, "OK"));

            List<String> lines = linesWith(judge(e2e, List.of(), List.of()), "% of 1 thread");

            assertThat(lines.get(0)).startsWith("- **PASS** args3: end to end at 16 threads >= 90%").contains("0.91");
            assertThat(lines.get(1)).startsWith("- **FAIL** args3: end to end at 64 threads").contains("0.83");
        }
    }

    @Nested
    class Latency {
        private List<LatencyResult> peers(int load, long achieved, long p999, long p9999) {
            return PEERS.stream().map(p -> latency(p, load, achieved, p999, p9999)).toList();
        }

        @Test
        void passesBelowEveryPeerAndFailsWhenOnePeerIsLower() {
            List<LatencyResult> results = new ArrayList<>(peers(50_000, 50_000, 100_000, 200_000));
            results.add(latency("spool", 50_000, 50_000, 90_000, 250_000));

            List<String> lines = linesWith(judge(List.of(), results, List.of()), "below every peer at 50k");

            assertThat(lines.get(0)).startsWith("- **PASS** p99.9").contains("Spool 90.0 µs").contains("Logback sync 100.0 µs");
            assertThat(lines.get(1)).startsWith("- **FAIL** p99.99").contains("Spool 250.0 µs")
                    .contains("not below Logback sync, Log4j 2 sync, Log4j 2 all-async, Logback AsyncAppender");
        }

        @Test
        void countsAPeerThatDidNotSustainTheLoadAsBehindAndJudgesSaturation() {
            List<LatencyResult> results = new ArrayList<>(peers(500_000, 500_000, 100_000, 200_000));
            results.set(0, latency("logback-sync", 500_000, 300_000, 10, 10));
            results.add(latency("spool", 500_000, 500_000, 90_000, 190_000));
            results.addAll(peers(0, 2_000_000, 1_000_000, 2_000_000));
            results.add(latency("spool", 0, 3_000_000, 900_000, 1_900_000));

            List<String> lines = judge(List.of(), results, List.of());

            assertThat(linesWith(lines, "at 500k")).allMatch(l -> l.startsWith("- **PASS**"))
                    .allMatch(l -> l.contains("Logback sync did not sustain the load (300k/s)"));
            assertThat(linesWith(lines, "at saturation")).hasSize(2).allMatch(l -> l.startsWith("- **PASS**"));
        }

        @Test
        void failsWhenSpoolDoesNotSustainALoadAPeerSustains() {
            List<LatencyResult> results = new ArrayList<>(peers(500_000, 500_000, 100_000, 200_000));
            results.add(latency("spool", 500_000, 400_000, 50_000, 50_000));

            assertThat(linesWith(judge(List.of(), results, List.of()), "at 500k").get(0)).startsWith("- **FAIL**")
                    .contains("Spool did not sustain");
        }
    }

    @Nested
    class Allocation {
        @Test
        void passesTheTextPathBelowHalfAByteAndFailsAbove() {
            MicroResult zero = new MicroResult(Targets.TEXT_PATH, 1, "avgt", 50, 1, "ns/op", 0.002);
            MicroResult some = new MicroResult(Targets.TEXT_PATH, 1, "avgt", 50, 1, "ns/op", 24);
            MicroResult numbers = new MicroResult(Targets.TEXT_PATH_NUMBERS, 1, "avgt", 50, 1, "ns/op", 0.003);
            MicroResult boxedNumbers = new MicroResult(Targets.TEXT_PATH_NUMBERS, 1, "avgt", 50, 1, "ns/op", 16);

            assertThat(linesWith(judge(List.of(), List.of(), List.of(zero, numbers)), Targets.TEXT_PATH).get(0))
                    .startsWith("- **PASS**").contains("0.002 B/op / 0.003 B/op");
            assertThat(linesWith(judge(List.of(), List.of(), List.of(some, numbers)), Targets.TEXT_PATH).get(0))
                    .startsWith("- **FAIL**").contains("24.000 B/op");
            assertThat(linesWith(judge(List.of(), List.of(), List.of(zero, boxedNumbers)), Targets.TEXT_PATH).get(0))
                    .startsWith("- **FAIL**").contains("16.000 B/op");
        }

        @Test
        void allowsSlf4jTheVarargsArrayAndSpoolsOwnApiNothing() {
            List<MicroResult> micro = List.of(
                    new MicroResult(PeerTargets.SPOOL_API_NUMBERS, 1, "avgt", 50, 1, "ns/op", 32),
                    new MicroResult(PeerTargets.SLF4J_THREE_ARGS, 1, "avgt", 50, 1, "ns/op", 32.01));

            List<String> lines = judge(List.of(), List.of(), micro);

            assertThat(linesWith(lines, PeerTargets.SPOOL_API_NUMBERS).get(0)).startsWith("- **FAIL**");
            assertThat(linesWith(lines, PeerTargets.SLF4J_THREE_ARGS).get(0)).startsWith("- **PASS**");
        }

        @Test
        void allowsSlf4jsFluentApiNothing() {
            MicroResult none = new MicroResult(PeerTargets.SLF4J_FLUENT, 1, "avgt", 50, 1, "ns/op", 0.003);
            MicroResult builder = new MicroResult(PeerTargets.SLF4J_FLUENT, 1, "avgt", 50, 1, "ns/op", 240);

            assertThat(linesWith(judge(List.of(), List.of(), List.of(none)), PeerTargets.SLF4J_FLUENT).get(0))
                    .startsWith("- **PASS**").contains("0.003 B/op");
            assertThat(linesWith(judge(List.of(), List.of(), List.of(builder)), PeerTargets.SLF4J_FLUENT).get(0))
                    .startsWith("- **FAIL**").contains("240.000 B/op");
        }

        @Test
        void isNotMeasuredWithoutTheNumbersBenchmark() {
            MicroResult zero = new MicroResult(Targets.TEXT_PATH, 1, "avgt", 50, 1, "ns/op", 0.002);
            assertThat(linesWith(judge(List.of(), List.of(), List.of(zero)), Targets.TEXT_PATH).get(0))
                    .startsWith("- **NOT MEASURED**").contains("benchmark not run (" + Targets.TEXT_PATH_NUMBERS + ")");
        }

        @Test
        void isNotMeasuredWithoutTheBenchmarks() {
            assertThat(linesWith(judge(List.of(), List.of(), List.of()), "B/op")).isEmpty();
            assertThat(linesWith(judge(List.of(), List.of(), List.of()), "benchmark not run")).hasSize(4);
        }
    }

    @Nested
    class ColdPasses {
        /** {@code measured} with a cold pass of the same events that took {@code coldSeconds}. */
        private EndToEndResult withCold(EndToEndResult measured, double coldSeconds) {
            EndToEndResult cold = run(measured.backend(), measured.shape(), measured.threads(), coldSeconds, "OK");
            return new EndToEndResult(measured.backend(), measured.label(), measured.threads(), measured.repeat(),
                    measured.events(), measured.producerNanos(), measured.endToEndNanos(), measured.bytes(),
                    measured.verdict(), measured.ok(), measured.note(), measured.shape(), measured.cpu(), cold);
        }

        @Test
        void areJudgedOnTheirOwnFiguresBesideTheMeasuredOnes() {
            // measured: Spool 1.0 s against 2.0 s for the fastest peer; cold: Spool 3.0 s against 2.5 s
            List<EndToEndResult> e2e = new ArrayList<>();
            List<EndToEndResult> measured = cell("args3", 1, 1.0, 2.0, 3.0, 4.0, 5.0);
            double[] coldSeconds = {3.0, 2.5, 3.5, 4.5, 5.5};
            for (int i = 0; i < measured.size(); i++) {
                e2e.add(withCold(measured.get(i), coldSeconds[i]));
            }
            Report report = new Report("t", List.of(), new Machine(2, 1L << 30, "cpu", "os", "jdk", "", "disk"), e2e,
                    List.of(), List.of());

            assertThat(linesWith(report.targets(), "the fastest peer")).singleElement().asString()
                    .startsWith("- **PASS** args3, 1 thread").contains("2.00x");
            assertThat(linesWith(report.coldTargets(), "the fastest peer")).singleElement().asString()
                    .startsWith("- **FAIL** args3, 1 thread").contains("0.83x").contains("Spool 333k/s");
            assertThat(report.markdown()).contains("#### Throughput targets judged on the cold passes")
                    .contains("#### End to end to a file, `args3`, cold");
        }

        @Test
        void areLeftOutWhenNoRunHadOne() {
            Report report = new Report("t", List.of(), new Machine(2, 1L << 30, "cpu", "os", "jdk", "", "disk"),
                    cell("args3", 1, 1.0, 2.0, 3.0, 4.0, 5.0), List.of(), List.of());

            assertThat(report.coldTargets()).isEmpty();
            assertThat(report.markdown()).doesNotContain("#### Cold JVM", "judged on the cold passes");
        }
    }
}
