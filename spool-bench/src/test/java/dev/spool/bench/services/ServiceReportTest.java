package dev.spool.bench.services;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceReportTest {

    /** A run of {@code events} in the time that gives {@code perSecond}. */
    private static Measurement ok(String suite, String subject, double perSecond) {
        return new Measurement(suite, subject, 1_000_000, (long) (1_000_000 * 1e9 / perSecond), "OK", true, "n");
    }

    private static Measurement lost(String suite, String subject, String verdict) {
        return new Measurement(suite, subject, 1_000_000, 1_000_000_000L, verdict, false, "n");
    }

    private static Measurement cold(Measurement m) {
        return m.as(Measurement.COLD, "cold note");
    }

    private static Measurement warming(Measurement m) {
        return m.as(Measurement.WARMING, "");
    }

    @Test
    void judgesEachTargetFromTheMediansWithItsRatio() {
        String md = ServiceReport.markdown(List.of(
                ok("files", "file-json", 2_400_000), ok("files", "rolling-gzip-json", 2_000_000),
                ok("files", "file-json", 1_800_000), ok("files", "rolling-gzip-json", 1_900_000),
                ok("files", "file-json", 2_200_000), ok("files", "rolling-gzip-json", 2_100_000),
                ok("sqlite", "sqlite-default-indexes", 300_000),
                ok("amqp", "amqp-confirmed", 1_200_000)));
        assertThat(md).contains("| files | file-json | 1,000,000 | 2,200,000 | 2,400,000 / 1,800,000 / 2,200,000 | no cold pass | - | n |")
                .contains("- **PASS** JSON Lines to a file >= 2.00M events/s: 1.10x (2.20M events/s, median of 3; no cold pass)")
                .contains("- **PASS** rolling file with gzip >= 90% of the plain file")
                .contains(": 0.91 (rolling 2.00M/s, plain 2.20M/s)")
                .contains("- **FAIL** SQLite destination, default indexes, every row committed >= 400k events/s: 0.75x")
                .contains("- **PASS** `amqp` destination, every event confirmed >= 1.00M events/s: 1.20x");
        assertThat(md).doesNotContain("collector").doesNotContain("RabbitMQ -> PostgreSQL");
    }

    @Test
    void aRunThatLostEventsShowsItsVerdictInsteadOfARateAndFailsItsTarget() {
        List<Measurement> runs = List.of(ok("collector", "collector-unix-acked", 1_500_000),
                lost("collector", "collector-unix-acked", "LOST 3/1000000"),
                ok("collector", "collector-unix-acked", 1_400_000));
        String md = ServiceReport.markdown(runs);

        assertThat(md).contains("| collector | collector-unix-acked | 1,000,000 | LOST 3/1000000 (1 of 3 runs) | 1,500,000 / LOST 3/1000000 / 1,400,000 | no cold pass | - |")
                .contains("- **FAIL** collector over a unix socket, every event acknowledged >= 1.00M events/s: LOST 3/1000000 (1 of 3 runs)");
        assertThat(ServiceReport.spoolFailed(runs)).isTrue();
    }

    @Test
    void theSdksDropsAreReportedAsLossNeverAsARateAndDoNotFailTheRun() {
        List<Measurement> runs = List.of(ok("otlp", "spool-otlp", 330_000),
                lost("otlp", "otel-sdk-default-queue", "LOST 480000/1000000"),
                ok("otlp", "otel-sdk-queue-of-run-size", 60_000));
        String md = ServiceReport.markdown(runs);

        assertThat(md).contains("| otlp | otel-sdk-default-queue | 1,000,000 | LOST 480000/1000000 (1 of 1 runs) | LOST 480000/1000000 | no cold pass | - |")
                .contains("- **PASS** `otlp` destination into Spool's receiver, every event acknowledged >= 300k events/s: 1.10x")
                .contains("- **PASS** `otlp` destination faster than the OpenTelemetry SDK's exporter")
                .contains("5.50x (Spool 330k/s, SDK 60k/s)")
                .contains("- **PASS** `otlp` destination loses nothing where the SDK's exporter with its default queue drops: "
                        + "Spool lost 0 in 1 run(s); the SDK LOST 480000/1000000 (1 of 1 runs)");
        assertThat(ServiceReport.spoolFailed(runs)).isFalse();
    }

    @Test
    void aCrashedRunFailsItsSuitesTargetsAndASuiteNotRunIsNotJudged() {
        String md = ServiceReport.markdown(List.of(lost("rabbit-pg", "(run)", "FAILED (exit 1): no broker")));

        assertThat(md).contains("- **FAIL** RabbitMQ -> PostgreSQL end to end, 2 workers, every event committed"
                + " >= 250k events/s: FAILED (exit 1): no broker (1 of 1 runs)")
                .doesNotContain("SQLite")
                .contains("| rabbit-pg | (run) | 1,000,000 | FAILED (exit 1): no broker (1 of 1 runs) |");
    }

    @Test
    void theMeasuredPassIsTheFigureAndTheTargetsWithTheColdPassBesideIt() {
        // Cold 150k, 200k, 250k (median 200k), measured 280k, 320k, 310k (median 310k): the target is judged
        // on the measured pass only, so it passes although no cold pass reached it.
        List<Measurement> runs = List.of(
                cold(ok("otlp", "spool-otlp", 150_000)), cold(ok("otlp", "otel-sdk-queue-of-run-size", 100_000)),
                ok("otlp", "spool-otlp", 280_000), ok("otlp", "otel-sdk-queue-of-run-size", 140_000),
                cold(ok("otlp", "spool-otlp", 200_000)), cold(ok("otlp", "otel-sdk-queue-of-run-size", 160_000)),
                ok("otlp", "spool-otlp", 320_000), ok("otlp", "otel-sdk-queue-of-run-size", 200_000),
                cold(ok("otlp", "spool-otlp", 250_000)), cold(ok("otlp", "otel-sdk-queue-of-run-size", 120_000)),
                ok("otlp", "spool-otlp", 310_000), ok("otlp", "otel-sdk-queue-of-run-size", 180_000));
        String md = ServiceReport.markdown(runs);

        assertThat(md).contains("| otlp | spool-otlp | 1,000,000 | 310,000 | 280,000 / 320,000 / 310,000 | 200,000 | 150,000 / 200,000 / 250,000 | n |")
                .contains("| otlp | otel-sdk-queue-of-run-size | 1,000,000 | 180,000 | 140,000 / 200,000 / 180,000 | 120,000 | 100,000 / 160,000 / 120,000 | n |")
                .contains("- **PASS** `otlp` destination into Spool's receiver, every event acknowledged >= 300k events/s: 1.03x"
                        + " (310k events/s, median of 3; cold 200k)")
                .contains("1.72x (Spool 310k/s, SDK 180k/s; cold: Spool 200k/s, SDK 120k/s, 1.67x)");
        assertThat(md).doesNotContain("cold note"); // the note column is the measured run's
    }

    @Test
    void aLossInTheColdPassOrAWarmUpPassFailsTheTargetHoweverFastTheMeasuredPass() {
        String md = ServiceReport.markdown(List.of(
                cold(lost("sqlite", "sqlite-default-indexes", "LOST 2/1000000")), ok("sqlite", "sqlite-default-indexes", 500_000),
                cold(ok("sqlite", "sqlite-default-indexes", 450_000)), ok("sqlite", "sqlite-default-indexes", 500_000)));
        assertThat(md).contains("- **FAIL** SQLite destination, default indexes, every row committed >= 400k events/s:"
                        + " LOST 2/1000000 in the cold pass (1 of 2 runs)")
                .contains("| LOST 2/1000000 (1 of 2 runs) | LOST 2/1000000 / 450,000 |");

        List<Measurement> duplicated = List.of(
                cold(ok("files", "file-json", 2_000_000)), warming(ok("files", "file-json", 2_100_000)),
                warming(lost("files", "file-json", "DUPLICATED 1/1000000")), ok("files", "file-json", 2_500_000));
        assertThat(ServiceReport.markdown(duplicated)).contains("- **FAIL** JSON Lines to a file >= 2.00M events/s:"
                + " DUPLICATED 1/1000000 in a warm-up pass (1 of 1 runs)");
        assertThat(ServiceReport.spoolFailed(duplicated)).isTrue();
    }

    @Test
    void theSdksDropsInEveryPassAreReportedAndDoNotFailTheRun() {
        List<Measurement> runs = List.of(cold(ok("otlp", "spool-otlp", 200_000)),
                cold(lost("otlp", "otel-sdk-default-queue", "LOST 470000/1000000")),
                ok("otlp", "spool-otlp", 330_000), lost("otlp", "otel-sdk-default-queue", "LOST 480000/1000000"));
        String md = ServiceReport.markdown(runs);

        assertThat(md).contains("| otlp | otel-sdk-default-queue | 1,000,000 | LOST 480000/1000000 (1 of 1 runs) | LOST 480000/1000000 |"
                + " LOST 470000/1000000 (1 of 1 runs) | LOST 470000/1000000 |");
        assertThat(ServiceReport.spoolFailed(runs)).isFalse();
    }

    @Test
    void aMeasurementKeepsItsPassThroughTheResultFileAndAnOldFileReadsAsMeasured() {
        List<Measurement> both = List.of(cold(ok("otlp", "spool-otlp", 200_000)), warming(ok("otlp", "spool-otlp", 250_000)),
                ok("otlp", "spool-otlp", 300_000));
        java.util.Properties p = new java.util.Properties();
        Measurement.store(both, p);
        assertThat(Measurement.load(p)).isEqualTo(both);

        p.remove("m.0.pass");
        assertThat(Measurement.load(p).get(0).pass()).isEqualTo(Measurement.WARM);
    }

    @Test
    void thePassNoteGivesTheCompilersShareOfTheProcesssCpu() {
        assertThat(ServiceMain.compilersShare(Measurement.WARM, 812_400_000L, 8_124_000_000L))
                .isEqualTo("warm pass: JIT compilers 812 of 8,124 ms of the process's CPU (10%)");
        assertThat(ServiceMain.compilersShare(Measurement.COLD, 0, 0))
                .isEqualTo("cold pass: JIT compilers 0 of 0 ms of the process's CPU (0%)");
    }
}
