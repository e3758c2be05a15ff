package dev.spool.bench.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One measured configuration of one suite run: how many events, how long until they were all where the
 * suite's target says (written, acknowledged, confirmed, committed), and what the check found there.
 * Each run of a suite (a fresh JVM, {@link ServiceMain}) sends every configuration twice: a first pass
 * ({@value #COLD}: the JIT compiling as it goes, as in any short-lived JVM) that is not the published figure,
 * then the measured pass ({@value #WARM}: the same code, compiled).
 *
 * @param suite   the suite's id ({@code otlp}, {@code files}, ...)
 * @param subject what was measured ({@code spool-otlp}, {@code otel-sdk-default-queue}, {@code file-json}, ...)
 * @param events  events sent
 * @param nanos   time from releasing the producers to the end the suite defines
 * @param verdict {@code OK}, or the loss found ({@code LOST 12/200000})
 * @param ok      every event arrived exactly once
 * @param note    what else was seen (CPU per event, stats), for the report
 * @param pass    {@value #WARM} (the measured pass) or {@value #COLD} (the first pass in a fresh JVM)
 */
public record Measurement(String suite, String subject, long events, long nanos, String verdict, boolean ok,
                          String note, String pass) {

    /** The measured pass: every configuration already ran once in this JVM. */
    public static final String WARM = "warm";
    /** The first pass in a fresh JVM: uncounted warm-up, reported beside the measured figure. */
    public static final String COLD = "cold";
    /** A further uncounted warm-up pass, between the cold and the measured one: checked, not reported. */
    public static final String WARMING = "warm-up";

    public Measurement {
        if (!WARM.equals(pass) && !COLD.equals(pass) && !WARMING.equals(pass)) {
            throw new IllegalArgumentException("pass must be " + WARM + ", " + COLD + " or " + WARMING + ", not " + pass);
        }
    }

    /** A measurement of the measured ({@value #WARM}) pass. */
    public Measurement(String suite, String subject, long events, long nanos, String verdict, boolean ok, String note) {
        this(suite, subject, events, nanos, verdict, ok, note, WARM);
    }

    /** This measurement as one of pass {@code pass}, with {@code more} added to its note (when not empty). */
    Measurement as(String pass, String more) {
        return new Measurement(suite, subject, events, nanos, verdict, ok, more.isEmpty() ? note
                : note.isEmpty() ? more : note + "; " + more, pass);
    }

    /** Whether this is the measured pass's. */
    public boolean warm() {
        return WARM.equals(pass);
    }

    /** Events per second; meaningful only when {@link #ok()}. */
    public double eventsPerSecond() {
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }

    /** The rate, or the verdict instead of a rate when events were lost or duplicated. */
    public String rateOrVerdict() {
        return ok ? String.format(Locale.ROOT, "%,.0f events/s", eventsPerSecond()) : verdict;
    }

    /** Writes {@code measurements} into {@code p} under keys {@code m.N.*}. */
    static void store(List<Measurement> measurements, Properties p) {
        p.setProperty("count", Integer.toString(measurements.size()));
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            String k = "m." + i + ".";
            p.setProperty(k + "suite", m.suite);
            p.setProperty(k + "subject", m.subject);
            p.setProperty(k + "events", Long.toString(m.events));
            p.setProperty(k + "nanos", Long.toString(m.nanos));
            p.setProperty(k + "verdict", m.verdict);
            p.setProperty(k + "ok", Boolean.toString(m.ok));
            p.setProperty(k + "note", m.note);
            p.setProperty(k + "pass", m.pass);
        }
    }

    /** Reads what {@link #store} wrote. */
    static List<Measurement> load(Properties p) {
        List<Measurement> out = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("count", "0"));
        for (int i = 0; i < count; i++) {
            String k = "m." + i + ".";
            out.add(new Measurement(p.getProperty(k + "suite"), p.getProperty(k + "subject"),
                    Long.parseLong(p.getProperty(k + "events")), Long.parseLong(p.getProperty(k + "nanos")),
                    p.getProperty(k + "verdict"), Boolean.parseBoolean(p.getProperty(k + "ok")),
                    p.getProperty(k + "note", ""), p.getProperty(k + "pass", WARM)));
        }
        return out;
    }
}
