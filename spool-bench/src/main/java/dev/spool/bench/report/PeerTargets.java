package dev.spool.bench.report;

import dev.spool.bench.run.Shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 17's targets, judged against every peer configuration rather than one: end to end at least twice
 * the fastest peer and at least 3M events/s for every call shape and thread count, flat with threads, tail
 * latency below every peer at every load and at saturation, and zero allocation on Spool's own API and
 * SLF4J's path. Each line names the numbers that decided it.
 */
final class PeerTargets {

    static final String SPOOL = "spool";
    /** The four peer configurations, each at its best settings (docs/BENCHMARKS.md), by id and name. */
    static final Map<String, String> PEERS = peers();
    static final double PEER_FACTOR = 2.0;
    static final double ABSOLUTE_EVENTS_PER_SECOND = 3_000_000;
    static final double FLAT_FRACTION = 0.9;
    static final List<Integer> FLAT_THREADS = List.of(16, 64);
    /** Spool's own API with two numeric arguments: judged at zero bytes. */
    static final String SPOOL_API_NUMBERS = "LoggerCallBenchmark.enabledNumbers";
    /** Three pre-boxed arguments through Spool's SLF4J provider: judged at the caller's varargs array. */
    static final String SLF4J_THREE_ARGS = "Slf4jCallBenchmark.enabledThreeArgs";
    static final String SLF4J_FLUENT = "Slf4jCallBenchmark.enabledFluentKeyValues";
    /** {@code new Object[3]} with compressed references: a 16-byte header and three 4-byte slots, padded to 8. */
    static final double VARARGS_THREE_BYTES = 32;
    private static final double ALLOCATION_NOISE = 0.5; // JMH's normalised figure is noisy below one byte

    private PeerTargets() {
    }

    private static Map<String, String> peers() {
        Map<String, String> peers = new LinkedHashMap<>();
        peers.put("logback-sync", "Logback sync");
        peers.put("log4j2-sync", "Log4j 2 sync");
        peers.put("log4j2-async", "Log4j 2 all-async");
        peers.put("logback-async", "Logback AsyncAppender");
        return peers;
    }

    /** The fastest peer of a cell, with what kept other peers out of the comparison. */
    record Fastest(String peer, double eventsPerSecond, List<String> excluded, List<String> missing) {
        boolean found() {
            return peer != null;
        }
    }

    /** The fastest peer configuration in {@code shape}'s peer equivalent at {@code threads}. */
    static Fastest fastestPeer(Summary summary, String shape, int threads) {
        String peerShape = Shape.byId(shape).peerEquivalent().id();
        String best = null;
        double bestRate = 0;
        List<String> excluded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String peer : PEERS.keySet()) {
            Optional<Summary.Cell> cell = summary.cell(peerShape, peer, threads);
            if (cell.isEmpty()) {
                missing.add(PEERS.get(peer));
            } else if (!cell.get().ok()) {
                excluded.add(PEERS.get(peer) + " " + cell.get().text());
            } else if (cell.get().eventsPerSecond() > bestRate) {
                best = peer;
                bestRate = cell.get().eventsPerSecond();
            }
        }
        return new Fastest(best, bestRate, excluded, missing);
    }

    /** End to end at least twice the fastest peer, per shape and thread count. */
    static List<Targets.Line> throughput(Summary summary) {
        List<Targets.Line> lines = new ArrayList<>();
        for (String shape : spoolShapes(summary)) {
            for (int threads : summary.threadCounts(shape)) {
                lines.add(againstPeers(summary, shape, threads));
            }
        }
        return lines;
    }

    private static Targets.Line againstPeers(Summary summary, String shape, int threads) {
        String what = shape + ", " + threadsText(threads) + ": end to end >= " + PEER_FACTOR
                + "x the fastest peer, zero loss: ";
        Optional<Summary.Cell> spool = summary.cell(shape, SPOOL, threads);
        if (spool.isEmpty()) {
            return new Targets.Line("NOT MEASURED", what + "no Spool run");
        }
        if (!spool.get().ok()) {
            return new Targets.Line("FAIL", what + "Spool " + spool.get().text());
        }
        Fastest fastest = fastestPeer(summary, shape, threads);
        String notes = notes(fastest);
        if (!fastest.found()) {
            return new Targets.Line(fastest.missing().isEmpty() ? "NOT COMPARABLE" : "NOT MEASURED",
                    what + "no peer to compare with" + notes);
        }
        double ratio = spool.get().eventsPerSecond() / fastest.eventsPerSecond();
        String status = !fastest.missing().isEmpty() ? "NOT MEASURED" : ratio >= PEER_FACTOR ? "PASS" : "FAIL";
        return new Targets.Line(status, what + String.format(Locale.ROOT, "%.2fx (Spool %s/s; fastest peer %s %s/s)",
                ratio, Summary.rate(spool.get().eventsPerSecond()), PEERS.get(fastest.peer()),
                Summary.rate(fastest.eventsPerSecond())) + notes);
    }

    private static String notes(Fastest fastest) {
        StringBuilder s = new StringBuilder();
        if (!fastest.excluded().isEmpty()) {
            s.append("; not compared, failed its check: ").append(String.join(", ", fastest.excluded()));
        }
        if (!fastest.missing().isEmpty()) {
            s.append("; not measured: ").append(String.join(", ", fastest.missing()));
        }
        return s.toString();
    }

    /** At least {@link #ABSOLUTE_EVENTS_PER_SECOND} end to end, per shape and thread count. */
    static List<Targets.Line> absolute(Summary summary) {
        List<Targets.Line> lines = new ArrayList<>();
        for (String shape : spoolShapes(summary)) {
            for (int threads : summary.threadCounts(shape)) {
                String what = shape + ", " + threadsText(threads) + ": end to end >= "
                        + Summary.rate(ABSOLUTE_EVENTS_PER_SECOND) + " events/s: ";
                Summary.Cell spool = summary.cell(shape, SPOOL, threads).orElse(null);
                if (spool == null) {
                    lines.add(new Targets.Line("NOT MEASURED", what + "no Spool run"));
                } else if (!spool.ok()) {
                    lines.add(new Targets.Line("FAIL", what + "Spool " + spool.text()));
                } else {
                    double ratio = spool.eventsPerSecond() / ABSOLUTE_EVENTS_PER_SECOND;
                    lines.add(new Targets.Line(ratio >= 1 ? "PASS" : "FAIL", what + String.format(Locale.ROOT,
                            "Spool %s/s (%.2fx the target)", Summary.rate(spool.eventsPerSecond()), ratio)));
                }
            }
        }
        return lines;
    }

    /** Flat with threads: at 16 and 64 threads at least {@link #FLAT_FRACTION} of one thread, per shape measured there. */
    static List<Targets.Line> flat(Summary summary) {
        List<Targets.Line> lines = new ArrayList<>();
        for (String shape : spoolShapes(summary)) {
            for (int threads : FLAT_THREADS) {
                Optional<Summary.Cell> many = summary.cell(shape, SPOOL, threads);
                if (many.isEmpty()) {
                    continue;
                }
                String what = shape + ": end to end at " + threadsText(threads) + " >= "
                        + Math.round(FLAT_FRACTION * 100) + "% of 1 thread: ";
                Optional<Summary.Cell> one = summary.cell(shape, SPOOL, 1);
                if (one.isEmpty()) {
                    lines.add(new Targets.Line("NOT MEASURED", what + "no run at 1 thread"));
                } else if (!one.get().ok() || !many.get().ok()) {
                    lines.add(new Targets.Line("FAIL", what + "Spool " + (one.get().ok() ? many : one).get().text()));
                } else {
                    double ratio = many.get().eventsPerSecond() / one.get().eventsPerSecond();
                    lines.add(new Targets.Line(ratio >= FLAT_FRACTION ? "PASS" : "FAIL", what + String.format(
                            Locale.ROOT, "%.2f (%s/s at %d, %s/s at 1)", ratio, Summary.rate(many.get().eventsPerSecond()),
                            threads, Summary.rate(one.get().eventsPerSecond()))));
                }
            }
        }
        if (lines.isEmpty()) {
            lines.add(new Targets.Line("NOT MEASURED", "end to end flat with threads (16 and 64 >= "
                    + Math.round(FLAT_FRACTION * 100) + "% of 1): no Spool runs at 16 or 64 threads"));
        }
        return lines;
    }

    /** p99.9 and p99.99 below every peer, per load (saturation included). */
    static List<Targets.Line> latency(List<LatencyResult> results) {
        List<Targets.Line> lines = new ArrayList<>();
        List<Integer> loads = results.stream().map(LatencyResult::load).distinct()
                .sorted(LatencyResult.LOAD_ORDER).toList();
        for (int load : loads) {
            lines.add(latency(results, load, "p99.9", 2));
            lines.add(latency(results, load, "p99.99", 3));
        }
        if (lines.isEmpty()) {
            lines.add(new Targets.Line("NOT MEASURED", "p99.9 and p99.99 latency below every peer: no latency runs"));
        }
        return lines;
    }

    private static Targets.Line latency(List<LatencyResult> results, int load, String percentile, int index) {
        String what = percentile + " below every peer at " + LatencyResult.loadText(load)
                + (load == 0 ? "" : " events/s") + ": ";
        Optional<LatencyResult> spool = find(results, SPOOL, load);
        if (spool.isEmpty()) {
            return new Targets.Line("NOT MEASURED", what + "no Spool run");
        }
        if (!spool.get().ok()) {
            return new Targets.Line("FAIL", what + "Spool " + spool.get().verdict());
        }
        long mine = spool.get().percentilesNanos()[index];
        List<String> compared = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean peerSustained = false;
        for (Map.Entry<String, String> peer : PEERS.entrySet()) {
            Optional<LatencyResult> r = find(results, peer.getKey(), load);
            if (r.isEmpty()) {
                missing.add(peer.getValue());
            } else if (!r.get().ok()) {
                compared.add(peer.getValue() + " not compared (" + r.get().verdict() + ")");
            } else if (!r.get().sustained()) {
                compared.add(peer.getValue() + " did not sustain the load (" + Summary.rate(r.get().achievedRate()) + "/s)");
            } else {
                peerSustained = true;
                long theirs = r.get().percentilesNanos()[index];
                compared.add(String.format(Locale.ROOT, "%s %.1f µs", peer.getValue(), theirs / 1e3));
                if (mine >= theirs) {
                    behind.add(peer.getValue());
                }
            }
        }
        if (!spool.get().sustained()) {
            return new Targets.Line(peerSustained ? "FAIL" : "NOT COMPARED", what + "Spool did not sustain the load ("
                    + Summary.rate(spool.get().achievedRate()) + "/s); " + String.join(", ", compared));
        }
        String text = what + String.format(Locale.ROOT, "Spool %.1f µs; ", mine / 1e3) + String.join(", ", compared)
                + (missing.isEmpty() ? "" : "; not measured: " + String.join(", ", missing));
        if (!behind.isEmpty()) {
            return new Targets.Line("FAIL", text + "; Spool not below " + String.join(", ", behind));
        }
        return new Targets.Line(missing.isEmpty() ? "PASS" : "NOT MEASURED", text);
    }

    /**
     * Zero allocation on Spool's own API with numbers and on SLF4J's fluent API, and only the caller's varargs
     * array on SLF4J's plain path.
     */
    static List<Targets.Line> allocation(List<MicroResult> micro) {
        return List.of(
                allocation(micro, SPOOL_API_NUMBERS, 0, "0 bytes/op on Spool's own API with two numeric arguments"),
                allocation(micro, SLF4J_THREE_ARGS, VARARGS_THREE_BYTES, "at most the caller's varargs array ("
                        + Math.round(VARARGS_THREE_BYTES) + " B) per call through Spool's SLF4J provider, three arguments"),
                allocation(micro, SLF4J_FLUENT, 0, "0 bytes/op on SLF4J's fluent API with two key/values and two pre-boxed arguments"));
    }

    private static Targets.Line allocation(List<MicroResult> micro, String benchmark, double allowed, String what) {
        String text = what + " (" + benchmark + ", all threads, -prof gc): ";
        Optional<MicroResult> m = micro.stream().filter(r -> r.benchmark().equals(benchmark)).findFirst();
        if (m.isEmpty() || Double.isNaN(m.get().allocBytesPerOp())) {
            return new Targets.Line("NOT MEASURED", text + "benchmark not run");
        }
        double bytes = m.get().allocBytesPerOp();
        return new Targets.Line(bytes <= allowed + ALLOCATION_NOISE ? "PASS" : "FAIL",
                text + String.format(Locale.ROOT, "%.3f B/op", bytes));
    }

    /** The shapes Spool ran in, in report order. */
    private static List<String> spoolShapes(Summary summary) {
        return summary.shapes().stream().filter(s -> summary.backends(s).contains(SPOOL)).toList();
    }

    static String threadsText(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    private static Optional<LatencyResult> find(List<LatencyResult> results, String backend, int load) {
        return results.stream().filter(r -> r.backend().equals(backend) && r.load() == load).findFirst();
    }
}
