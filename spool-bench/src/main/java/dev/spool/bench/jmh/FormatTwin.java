package dev.spool.bench.jmh;

import dev.spool.format.JsonFormat;
import dev.spool.format.TextFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * Two builds of spool-core formatting the same event in one JVM, in alternating timed rounds
 * ({@code spool-bench/twin}). On these 2-core VMs two JVMs of the same build differ by a third in
 * nanoseconds per event, so separate runs cannot show a change of a tenth; neighbouring rounds of one JVM
 * share its state, and the median of their ratios shows it (docs/decisions/token-dispatch.md).
 *
 * <p>Each build is loaded by a class loader of its own, together with this module's classes, so each has
 * its own copy of the loop and of {@link BenchEvent} and the JIT compiles each on its own. A round times
 * {@code events} calls of {@link Format#format} by the thread's CPU time; rounds alternate which build
 * goes first. What one JVM's compiler happened to decide still differs between JVMs: run several (the
 * script does, loading the builds in both orders).
 *
 * <pre>
 * FormatTwin OLD_BUILD NEW_BUILD [text|kv|json] [rounds] [eventsPerRound] [old-first|new-first]
 *   a build is a spool-core jar, a directory holding one, or spool-core's target/classes;
 *   the last argument says which build is loaded, warmed up and timed first (old-first when not given)
 *   text: the benchmark's pattern (TextFormat.DEFAULT); kv: the same with %kv and the kv shape's event;
 *   json: JSON Lines of the kv shape's event
 * </pre>
 */
public final class FormatTwin {

    private FormatTwin() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FormatTwin OLD_BUILD NEW_BUILD [text|kv|json] [rounds] [eventsPerRound]"
                    + " [old-first|new-first]");
            System.exit(2);
        }
        String shape = args.length > 2 ? args[2] : "kv";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        long events = args.length > 4 ? Long.parseLong(args[4]) : 200_000;
        String first = args.length > 5 ? args[5] : "old-first";
        if (!first.equals("old-first") && !first.equals("new-first")) {
            throw new IllegalArgumentException("the last argument must be old-first or new-first, not " + first);
        }
        boolean newFirst = first.equals("new-first");
        Result result = compare(jar(Path.of(args[0])), jar(Path.of(args[1])), shape, rounds, events, newFirst);
        System.out.println(result.report());
    }

    /** What a comparison measured: ns per event of each round for each build. */
    record Result(String shape, double[] old, double[] current) {

        /** The median over rounds of new / old, each round's two figures taken together. */
        double pairRatio() {
            double[] ratios = new double[old.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = current[i] / old[i];
            }
            return median(ratios);
        }

        int newFaster() {
            int n = 0;
            for (int i = 0; i < old.length; i++) {
                n += current[i] < old[i] ? 1 : 0;
            }
            return n;
        }

        String report() {
            return String.format(Locale.ROOT, "shape %s, %d rounds: old %.1f ns/event, new %.1f (medians); "
                            + "new/old per round: median %.3f, new faster in %d of %d",
                    shape, old.length, median(old), median(current), pairRatio(), newFaster(), old.length);
        }
    }

    /**
     * Loads both builds, warms each up with five rounds, then times {@code rounds} rounds, the build that goes
     * first alternating; {@code newFirst} loads the new build first and starts with it.
     */
    static Result compare(Path oldJar, Path newJar, String shape, int rounds, long events, boolean newFirst)
            throws Exception {
        if (!List.of("text", "kv", "json").contains(shape)) {
            throw new IllegalArgumentException("shape must be text, kv or json, not " + shape);
        }
        if (rounds < 1 || events < 1) {
            throw new IllegalArgumentException("rounds and events must be positive: " + rounds + ", " + events);
        }
        int firstSide = newFirst ? 1 : 0;
        LongUnaryOperator[] loops = new LongUnaryOperator[2];
        loops[firstSide] = load(newFirst ? newJar : oldJar, shape);
        loops[1 - firstSide] = load(newFirst ? oldJar : newJar, shape);
        for (int w = 0; w < 5; w++) {
            loops[firstSide].applyAsLong(events);
            loops[1 - firstSide].applyAsLong(events);
        }
        double[][] nanos = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                int side = (firstSide + round + k) % 2;
                nanos[side][round] = loops[side].applyAsLong(events) / (double) events;
            }
        }
        return new Result(shape, nanos[0], nanos[1]);
    }

    /** The loop of one build, in a class loader that sees that build and this module, nothing else. */
    static LongUnaryOperator load(Path jar, String shape) throws Exception {
        URL[] urls = {ownLocation(), jar.toUri().toURL()};
        ClassLoader loader = new URLClassLoader("spool-core " + jar, urls, ClassLoader.getPlatformClassLoader());
        Class<?> loop = loader.loadClass(FormatTwin.class.getName() + "$Loop");
        return (LongUnaryOperator) loop.getConstructor(String.class).newInstance(shape);
    }

    /**
     * What a build argument names: a jar itself, a directory of compiled classes (spool-core's
     * target/classes), or the one spool-core jar in a directory.
     */
    static Path jar(Path build) throws IOException {
        if (Files.isRegularFile(build) || Files.isRegularFile(build.resolve("dev/spool/format/TextFormat.class"))) {
            return build;
        }
        if (!Files.isDirectory(build)) {
            throw new IllegalArgumentException("no such build: " + build
                    + " (a spool-core jar, a directory holding one, or spool-core's compiled classes)");
        }
        List<Path> jars = new ArrayList<>();
        try (var entries = Files.list(build)) {
            entries.filter(p -> p.getFileName().toString().matches("spool-core-.*\\.jar")).forEach(jars::add);
        }
        if (jars.size() != 1) {
            throw new IllegalArgumentException("expected one spool-core-*.jar in " + build + ", found " + jars.size());
        }
        return jars.get(0);
    }

    private static URL ownLocation() throws URISyntaxException, MalformedURLException {
        return Path.of(FormatTwin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One build's timed loop; loaded once per build by {@link #load}. Public for that reflection. */
    public static final class Loop implements LongUnaryOperator {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final Format format;
        private final BenchEvent event;
        private final ByteBuilder out = new ByteBuilder(4096);
        private long bytes; // read back so the loop's work is not dead code

        public Loop(String shape) {
            String pattern = shape.equals("kv") ? BenchEvent.KV_PATTERN : TextFormat.DEFAULT;
            this.format = shape.equals("json") ? JsonFormat.of() : TextFormat.of(pattern, ZoneOffset.UTC);
            long now = System.currentTimeMillis() * 1000;
            this.event = shape.equals("text") ? new BenchEvent(now) : BenchEvent.withKeyValues(now);
        }

        /** Formats {@code events} events; returns the thread's CPU nanoseconds. */
        @Override
        public long applyAsLong(long events) {
            long start = THREADS.getCurrentThreadCpuTime();
            long sum = 0;
            for (long i = 0; i < events; i++) {
                out.clear();
                format.format(event.tick(), out);
                sum += out.length();
            }
            bytes += sum;
            return THREADS.getCurrentThreadCpuTime() - start;
        }

        /** The formatted bytes so far, and which class loader the format came from (for the test). */
        public String describe() {
            return bytes + " bytes by " + format.getClass().getClassLoader().getName();
        }
    }
}
