package dev.spool.bench.services;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service suite at a tiny size against the real components (files, SQLite, the collector, the local
 * RabbitMQ and PostgreSQL, the OpenTelemetry SDK): each Spool configuration's events all arrive and the
 * report has a judged line for each target. Never asserts a timing. Run it under
 * {@code flock /tmp/spool-services.lock}, as every test touching the broker or the database.
 */
class ServiceSuitesIT {

    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench-it")).resolve("services");
    private static final int EVENTS = 2_000;

    private static List<Measurement> run(Suites suite, int events) throws Exception {
        Path dir = OUT.resolve(suite.id);
        Stored.deleteTree(dir);
        return ServiceMain.run(suite, dir, events, 1);
    }

    @Test
    void everySpoolConfigurationDeliversEveryEventOnceAndEachTargetIsJudged() throws Exception {
        List<Measurement> all = new ArrayList<>();
        for (Suites suite : List.of(Suites.FILES, Suites.SQLITE, Suites.COLLECTOR, Suites.AMQP, Suites.RABBIT_PG)) {
            all.addAll(run(suite, EVENTS));
        }
        assertThat(all).extracting(Measurement::subject).containsExactly("file-json", "rolling-gzip-json",
                "sqlite-default-indexes", "collector-unix-acked", "amqp-confirmed", "rabbitmq-postgres-2-workers");
        assertThat(all).allSatisfy(m -> {
            assertThat(m.verdict()).as(m.subject() + ": " + m.note()).isEqualTo("OK");
            assertThat(m.events()).isEqualTo(EVENTS);
            assertThat(m.nanos()).isPositive();
        });
        assertThat(all).filteredOn(m -> m.suite().equals(AmqpSuite.ID)).singleElement()
                .satisfies(m -> assertThat(m.note()).contains("broker", "body bytes on average", "producer returned after"));
        assertThat(all).filteredOn(m -> m.suite().equals(RabbitPostgresSuite.ID)).singleElement()
                .satisfies(m -> assertThat(m.note()).contains("PostgreSQL backends", "by kernel thread (/proc"));
        String md = ServiceReport.markdown(all);
        assertThat(md.lines().filter(l -> l.matches("- \\*\\*(PASS|FAIL)\\*\\* .*: \\d+\\.\\d+x? .*"))).hasSize(6);
    }

    @Test
    void theSdksDropsAreALossAndSpoolLosesNothing() throws Exception {
        // 20,000 records in a burst overflow the SDK's default queue of 2,048 on any machine this runs on.
        List<Measurement> otlp = run(Suites.OTLP, 20_000);

        assertThat(otlp).extracting(Measurement::subject)
                .containsExactly("spool-otlp", "otel-sdk-default-queue", "otel-sdk-queue-of-run-size");
        assertThat(otlp.get(0).verdict()).as(otlp.get(0).note()).isEqualTo("OK");
        assertThat(otlp.get(2).verdict()).as(otlp.get(2).note()).isEqualTo("OK");
        Measurement dropped = otlp.get(1);
        assertThat(dropped.ok()).isFalse();
        assertThat(dropped.verdict()).matches("LOST \\d+/20000");
        String md = ServiceReport.markdown(otlp);
        assertThat(md).contains("| otlp | otel-sdk-default-queue | 20,000 | " + dropped.verdict() + " (1 of 1 runs) | "
                        + dropped.verdict() + " |")
                .contains("- **PASS** `otlp` destination loses nothing where the SDK's exporter with its default queue drops");
        assertThat(ServiceReport.spoolFailed(otlp)).isFalse();
    }

    @Test
    void theDriverRunsASuiteInAJvmOfItsOwnAndWritesItsReport() throws Exception {
        Path out = OUT.resolve("runner");
        Stored.deleteTree(out);
        Files.createDirectories(out);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ServiceRunner runner = new ServiceRunner(Path.of(System.getProperty("bench.classes", "target/classes")),
                Path.of(System.getProperty("bench.lib", "target/bench-lib")), List.of("-Xmx256m"),
                Duration.ofMinutes(2), out, new PrintStream(progress, true, StandardCharsets.UTF_8));

        List<Measurement> got = runner.run(List.of(Suites.SQLITE), "smoke", 2);

        assertThat(got).hasSize(2).allSatisfy(m -> assertThat(m.ok()).as(m.verdict()).isTrue());
        assertThat(Files.readString(out.resolve("services.md")))
                .contains("| sqlite | sqlite-default-indexes | 2,000 |")
                .containsPattern("- \\*\\*(PASS|FAIL)\\*\\* SQLite destination, default indexes, every row committed"
                        + " >= 400k events/s: \\d+\\.\\d+x \\(.* events/s, median of 2\\)");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("services sqlite");
    }
}
