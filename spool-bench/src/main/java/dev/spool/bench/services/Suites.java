package dev.spool.bench.services;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The service suites {@code bench} knows, with the events one run sends in {@code full} mode ({@code quick}
 * sends a tenth), how many uncounted passes of that size each run makes first, and whether it needs the
 * local RabbitMQ or PostgreSQL.
 */
public enum Suites {
    // Lambdas, not constructor references: the driver loads this enum without the suites' libraries on its
    // class path, and a lambda loads its suite class only when a run calls it.
    // Warm-up passes (the first of them the cold pass) before the measured one, chosen by measurement
    // (docs/decisions/otlp-sustained.md): enough that the JIT compilers take under 10% of the process's CPU
    // in the measured pass. OTLP runs two pipelines, the JDK's HTTP client and server and the SDK in one
    // JVM, whose per-request code reaches C2 only after thousands of requests.
    OTLP(OtlpSuite.ID, 500_000, 6, false, () -> new OtlpSuite()),
    FILES(FilesSuite.ID, 2_000_000, 1, false, () -> new FilesSuite()),
    SQLITE(SqliteSuite.ID, 2_000_000, 1, false, () -> new SqliteSuite()),
    COLLECTOR(CollectorSuite.ID, 2_000_000, 2, false, () -> new CollectorSuite()),
    AMQP(AmqpSuite.ID, 2_000_000, 2, true, () -> new AmqpSuite()),
    RABBIT_PG(RabbitPostgresSuite.ID, 1_000_000, 2, true, () -> new RabbitPostgresSuite());

    /** The word that selects every service suite ({@code --only services}). */
    public static final String ALL = "services";

    public final String id;
    final int fullEvents;
    private final int warmupPasses;
    /** Needs the local RabbitMQ or PostgreSQL: run it under {@code flock /tmp/spool-services.lock}. */
    public final boolean needsServices;
    private final Supplier<ServiceSuite> factory;

    Suites(String id, int fullEvents, int warmupPasses, boolean needsServices, Supplier<ServiceSuite> factory) {
        this.id = id;
        this.fullEvents = fullEvents;
        this.warmupPasses = warmupPasses;
        this.needsServices = needsServices;
        this.factory = factory;
    }

    ServiceSuite create() {
        return factory.get();
    }

    /** Events per run in {@code mode}: the full size, a tenth in quick mode, 2,000 in smoke mode. */
    public int events(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "full": return fullEvents;
            case "quick": return fullEvents / 10;
            default: return 2_000;
        }
    }

    /**
     * Events per configuration in the uncounted first pass of each run in {@code mode} ({@link ServiceMain}):
     * as many as the measured pass, so that the cold figure reported beside the measured one is the same
     * run in a fresh JVM (what the report published before there was a warm-up pass).
     */
    public int warmupEvents(String mode) {
        return events(mode);
    }

    /**
     * Uncounted passes before the measured one in {@code mode}, the first of them the cold pass: the suite's
     * number in {@code full} and {@code quick}, one in {@code smoke} (CI: proves the passes run, fast).
     */
    public int warmupPasses(String mode) {
        return mode.equalsIgnoreCase("full") || mode.equalsIgnoreCase("quick") ? warmupPasses : 1;
    }

    /** Every suite's id. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(s -> s.id).toList();
    }

    /** The suites among {@code sections}, in this enum's order. */
    public static List<Suites> among(List<String> sections) {
        return Arrays.stream(values()).filter(s -> sections.contains(s.id)).toList();
    }

    static Suites byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown suite '" + id + "': expected one of " + ids()));
    }
}
