package dev.spool.bench.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service targets of issues 13 (OTLP) and 17 (the destinations and services), judged from the medians
 * of one report's measured passes (the cold passes' medians are given beside them, not judged): a line each, {@code PASS}, {@code FAIL}, {@code NOT MEASURED} or {@code NOT COMPARABLE},
 * with the ratio that decided it. A configuration that lost or duplicated an event in any run fails its
 * target with that verdict, however fast it was.
 */
final class ServiceTargets {

    /** One judged target. */
    record Line(String status, String text) {
        String render() {
            return "- **" + status + "** " + text;
        }
    }

    private ServiceTargets() {
    }

    static List<Line> judge(Map<String, ServiceReport.Cell> cells) {
        List<Line> lines = new ArrayList<>();
        if (cells.keySet().stream().anyMatch(k -> k.startsWith(OtlpSuite.ID + "/"))) {
            lines.add(atLeast(cells, OtlpSuite.ID, OtlpSuite.SPOOL, 300_000, "`otlp` destination into Spool's receiver, every event acknowledged"));
            lines.add(fasterThanSdk(cells));
            lines.add(noLossWhereSdkDrops(cells));
        }
        if (cells.keySet().stream().anyMatch(k -> k.startsWith(FilesSuite.ID + "/"))) {
            lines.add(atLeast(cells, FilesSuite.ID, FilesSuite.PLAIN, 2_000_000, "JSON Lines to a file"));
            lines.add(rollingVsPlain(cells));
        }
        if (cells.keySet().stream().anyMatch(k -> k.startsWith(SqliteSuite.ID + "/"))) {
            lines.add(atLeast(cells, SqliteSuite.ID, SqliteSuite.SUBJECT, 400_000, "SQLite destination, default indexes, every row committed"));
        }
        if (cells.keySet().stream().anyMatch(k -> k.startsWith(RabbitPostgresSuite.ID + "/"))) {
            lines.add(atLeast(cells, RabbitPostgresSuite.ID, RabbitPostgresSuite.SUBJECT, 250_000,
                    "RabbitMQ -> PostgreSQL end to end, 2 workers, every event committed"));
        }
        if (cells.keySet().stream().anyMatch(k -> k.startsWith(CollectorSuite.ID + "/"))) {
            lines.add(atLeast(cells, CollectorSuite.ID, CollectorSuite.SUBJECT, 1_000_000,
                    "collector over a unix socket, every event acknowledged"));
        }
        if (cells.keySet().stream().anyMatch(k -> k.startsWith(AmqpSuite.ID + "/"))) {
            lines.add(atLeast(cells, AmqpSuite.ID, AmqpSuite.SUBJECT, 1_000_000, "`amqp` destination, every event confirmed"));
        }
        return lines;
    }

    private static Line atLeast(Map<String, ServiceReport.Cell> cells, String suite, String subject, double target,
                                String what) {
        String text = what + " >= " + ServiceReport.rate(target) + " events/s: ";
        Optional<ServiceReport.Cell> c = ServiceReport.cell(cells, suite, subject);
        if (c.isEmpty()) {
            return new Line("NOT MEASURED", text + "no run of " + subject);
        }
        if (!c.get().ok()) {
            return new Line("FAIL", text + c.get().failure());
        }
        double ratio = c.get().median() / target;
        return new Line(ratio >= 1 ? "PASS" : "FAIL", text + String.format(Locale.ROOT, "%.2fx (%s events/s, median of %d; %s)",
                ratio, ServiceReport.rate(c.get().median()), c.get().runs().size(), c.get().coldRate()));
    }

    private static Line fasterThanSdk(Map<String, ServiceReport.Cell> cells) {
        String text = "`otlp` destination faster than the OpenTelemetry SDK's exporter (queue large enough to keep every record): ";
        Optional<ServiceReport.Cell> spool = ServiceReport.cell(cells, OtlpSuite.ID, OtlpSuite.SPOOL);
        Optional<ServiceReport.Cell> sdk = ServiceReport.cell(cells, OtlpSuite.ID, OtlpSuite.SDK_SIZED);
        if (spool.isEmpty() || sdk.isEmpty()) {
            return new Line("NOT MEASURED", text + "missing runs");
        }
        if (!spool.get().ok()) {
            return new Line("FAIL", text + "Spool " + spool.get().failure());
        }
        if (!sdk.get().ok()) {
            return new Line("NOT COMPARABLE", text + "the SDK " + sdk.get().failure());
        }
        double ratio = spool.get().median() / sdk.get().median();
        String cold = spool.get().cold().isEmpty() || sdk.get().cold().isEmpty() ? ""
                : String.format(Locale.ROOT, "; cold: Spool %s/s, SDK %s/s, %.2fx", ServiceReport.rate(spool.get().coldMedian()),
                ServiceReport.rate(sdk.get().coldMedian()), spool.get().coldMedian() / sdk.get().coldMedian());
        return new Line(ratio > 1 ? "PASS" : "FAIL", text + String.format(Locale.ROOT, "%.2fx (Spool %s/s, SDK %s/s%s)",
                ratio, ServiceReport.rate(spool.get().median()), ServiceReport.rate(sdk.get().median()), cold));
    }

    private static Line noLossWhereSdkDrops(Map<String, ServiceReport.Cell> cells) {
        String text = "`otlp` destination loses nothing where the SDK's exporter with its default queue drops: ";
        Optional<ServiceReport.Cell> spool = ServiceReport.cell(cells, OtlpSuite.ID, OtlpSuite.SPOOL);
        Optional<ServiceReport.Cell> sdk = ServiceReport.cell(cells, OtlpSuite.ID, OtlpSuite.SDK_DEFAULT);
        if (spool.isEmpty() || sdk.isEmpty()) {
            return new Line("NOT MEASURED", text + "missing runs");
        }
        String sdkSaw = sdk.get().ok() ? "the SDK dropped nothing at this size" : "the SDK " + sdk.get().failure();
        if (!spool.get().ok()) {
            return new Line("FAIL", text + "Spool " + spool.get().failure() + "; " + sdkSaw);
        }
        return new Line("PASS", text + "Spool lost 0 in " + spool.get().runs().size() + " run(s); " + sdkSaw);
    }

    private static Line rollingVsPlain(Map<String, ServiceReport.Cell> cells) {
        String text = "rolling file with gzip >= 90% of the plain file (JSON Lines, each until closed and compressed): ";
        Optional<ServiceReport.Cell> plain = ServiceReport.cell(cells, FilesSuite.ID, FilesSuite.PLAIN);
        Optional<ServiceReport.Cell> rolling = ServiceReport.cell(cells, FilesSuite.ID, FilesSuite.ROLLING);
        if (plain.isEmpty() || rolling.isEmpty()) {
            return new Line("NOT MEASURED", text + "missing runs");
        }
        if (!rolling.get().ok()) {
            return new Line("FAIL", text + "rolling " + rolling.get().failure());
        }
        if (!plain.get().ok()) {
            return new Line("NOT COMPARABLE", text + "plain file " + plain.get().failure());
        }
        double ratio = rolling.get().median() / plain.get().median();
        String cold = rolling.get().cold().isEmpty() || plain.get().cold().isEmpty() ? ""
                : String.format(Locale.ROOT, "; cold: %.2f", rolling.get().coldMedian() / plain.get().coldMedian());
        return new Line(ratio >= 0.9 ? "PASS" : "FAIL", text + String.format(Locale.ROOT,
                "%.2f (rolling %s/s, plain %s/s%s)", ratio, ServiceReport.rate(rolling.get().median()),
                ServiceReport.rate(plain.get().median()), cold));
    }
}
