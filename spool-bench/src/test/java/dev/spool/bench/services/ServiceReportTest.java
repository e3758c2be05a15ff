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

    @Test
    void judgesEachTargetFromTheMediansWithItsRatio() {
        String md = ServiceReport.markdown(List.of(
                ok("files", "file-json", 2_400_000), ok("files", "rolling-gzip-json", 2_000_000),
                ok("files", "file-json", 1_800_000), ok("files", "rolling-gzip-json", 1_900_000),
                ok("files", "file-json", 2_200_000), ok("files", "rolling-gzip-json", 2_100_000),
                ok("sqlite", "sqlite-default-indexes", 300_000),
                ok("amqp", "amqp-confirmed", 1_200_000)));
        assertThat(md).contains("| files | file-json | 1,000,000 | 2,200,000 | 2,400,000 / 1,800,000 / 2,200,000 | n |")
                .contains("- **PASS** JSON Lines to a file >= 2.00M events/s: 1.10x (2.20M events/s, median of 3)")
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

        assertThat(md).contains("| collector | collector-unix-acked | 1,000,000 | LOST 3/1000000 (1 of 3 runs) | 1,500,000 / LOST 3/1000000 / 1,400,000 |")
                .contains("- **FAIL** collector over a unix socket, every event acknowledged >= 1.00M events/s: LOST 3/1000000 (1 of 3 runs)");
        assertThat(ServiceReport.spoolFailed(runs)).isTrue();
    }

    @Test
    void theSdksDropsAreReportedAsLossNeverAsARateAndDoNotFailTheRun() {
        List<Measurement> runs = List.of(ok("otlp", "spool-otlp", 330_000),
                lost("otlp", "otel-sdk-default-queue", "LOST 480000/1000000"),
                ok("otlp", "otel-sdk-queue-of-run-size", 60_000));
        String md = ServiceReport.markdown(runs);

        assertThat(md).contains("| otlp | otel-sdk-default-queue | 1,000,000 | LOST 480000/1000000 (1 of 1 runs) | LOST 480000/1000000 |")
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
}
