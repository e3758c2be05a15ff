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

    /** One run as the driver's child JVM makes it at smoke size: one cold pass, then the measured one. */
    private static List<Measurement> run(Suites suite, int events) throws Exception {
        Path dir = OUT.resolve(suite.id);
        Stored.deleteTree(dir);
        return ServiceMain.run(suite, dir, events, events, suite.warmupPasses("smoke"), 1);
    }

    @Test
    void everySpoolConfigurationDeliversEveryEventOnceAndEachTargetIsJudged() throws Exception {
        List<Measurement> all = new ArrayList<>();
        for (Suites suite : List.of(Suites.FILES, Suites.SQLITE, Suites.COLLECTOR, Suites.AMQP, Suites.RABBIT_PG)) {
            all.addAll(run(suite, EVENTS));
        }
        // Every suite's configurations twice, the cold pass's first, each pass's events checked on their own.
        assertThat(all).extracting(m -> m.pass() + " " + m.subject()).containsExactly(
                "cold file-json", "cold rolling-gzip-json", "warm file-json", "warm rolling-gzip-json",
                "cold sqlite-default-indexes", "warm sqlite-default-indexes",
                "cold collector-unix-acked", "warm collector-unix-acked",
                "cold amqp-confirmed", "warm amqp-confirmed",
                "cold rabbitmq-postgres-2-workers", "warm rabbitmq-postgres-2-workers");
        assertThat(all).allSatisfy(m -> {
            assertThat(m.verdict()).as(m.subject() + ": " + m.note()).isEqualTo("OK");
            assertThat(m.events()).isEqualTo(EVENTS);
            assertThat(m.nanos()).isPositive();
            assertThat(m.note()).containsPattern(m.pass() + " pass: JIT compilers [\\d,]+ of [\\d,]+ ms of the process's CPU \\(\\d+%\\)");
        });
        assertThat(all).filteredOn(m -> m.suite().equals(AmqpSuite.ID) && m.warm()).singleElement()
                .satisfies(m -> assertThat(m.note()).contains("broker", "body bytes on average", "producer returned after"));
        assertThat(all).filteredOn(m -> m.suite().equals(RabbitPostgresSuite.ID) && m.warm()).singleElement()
                .satisfies(m -> assertThat(m.note()).contains("PostgreSQL backends", "by kernel thread (/proc"));
        String md = ServiceReport.markdown(all);
        assertThat(md.lines().filter(l -> l.matches("- \\*\\*(PASS|FAIL)\\*\\* .*: \\d+\\.\\d+x? .*"))).hasSize(6);
        assertThat(md.lines().filter(l -> l.matches("- \\*\\*(PASS|FAIL)\\*\\* .*cold.*"))).hasSize(6);
    }

    @Test
    void theSdksDropsAreALossAndSpoolLosesNothing() throws Exception {
        // 20,000 records in a burst overflow the SDK's default queue of 2,048 on any machine this runs on.
        List<Measurement> otlp = run(Suites.OTLP, 20_000);

        assertThat(otlp).extracting(m -> m.pass() + " " + m.subject()).containsExactly("cold spool-otlp",
                "cold otel-sdk-default-queue", "cold otel-sdk-queue-of-run-size", "warm spool-otlp",
                "warm otel-sdk-default-queue", "warm otel-sdk-queue-of-run-size");
        for (int i : new int[] {0, 2, 3, 5}) {
            assertThat(otlp.get(i).verdict()).as(otlp.get(i).note()).isEqualTo("OK");
        }
        Measurement droppedCold = otlp.get(1);
        Measurement dropped = otlp.get(4);
        assertThat(droppedCold.ok()).isFalse();
        assertThat(droppedCold.verdict()).matches("LOST \\d+/20000");
        assertThat(dropped.ok()).isFalse();
        assertThat(dropped.verdict()).matches("LOST \\d+/20000");
        String md = ServiceReport.markdown(otlp);
        assertThat(md).contains("| otlp | otel-sdk-default-queue | 20,000 | " + dropped.verdict() + " (1 of 1 runs) | "
                        + dropped.verdict() + " | " + droppedCold.verdict() + " (1 of 1 runs) | " + droppedCold.verdict() + " |")
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

        // Two JVMs, each with its cold pass and its measured pass.
        assertThat(got).extracting(Measurement::pass).containsExactly(Measurement.COLD, Measurement.WARM,
                Measurement.COLD, Measurement.WARM);
        assertThat(got).allSatisfy(m -> assertThat(m.ok()).as(m.verdict()).isTrue());
        assertThat(Files.readString(out.resolve("services.md")))
                .containsPattern("\\| sqlite \\| sqlite-default-indexes \\| 2,000 \\| [\\d,]+ \\| [\\d,]+ / [\\d,]+ \\| [\\d,]+ \\| [\\d,]+ / [\\d,]+ \\|")
                .containsPattern("- \\*\\*(PASS|FAIL)\\*\\* SQLite destination, default indexes, every row committed"
                        + " >= 400k events/s: \\d+\\.\\d+x \\(.* events/s, median of 2; cold .*k\\)");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("services sqlite").contains("run=1 cold")
                .contains("run=2 warm");
    }
}
