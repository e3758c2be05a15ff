package dev.spool.bench;

import dev.spool.bench.run.Shape;
import dev.spool.bench.services.Suites;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line: a mode, then options that narrow it.
 *
 * <pre>
 *   smoke | quick | full             sizes (default quick)
 *   SUITE [smoke|quick|full]         only that section or service suite: otlp, files, sqlite, collector,
 *                                    amqp, rabbit-pg, or services (all six); e.g. bench otlp full
 *   --only e2e,latency,jmh,multiprocess,services,otlp,...  sections to run
 *   --backends spool,log4j2-async    backends to run (ids as in the report)
 *   --shapes args3,kv,spool-api      end-to-end call shapes (args0 args1 args2 args3 args4 unboxed boxed
 *                                    strings throwable kv spool-api; default all)
 *   --threads 1,4,16                 end-to-end producer counts (of every shape)
 *   --shape-threads 1,4              producer counts of the shapes other than args3 (after --threads)
 *   --events N                       end-to-end events per run
 *   --repeats N                      JVMs per end-to-end cell and per service suite
 *   --loads 50000,200000,saturation  latency loads (events/s in total; saturation: back to back)
 *   --measure-seconds S              latency measured seconds per run
 *   --queue-slots N                  every async backend's queue size (a power of two; default 16384)
 *   --jmh REGEX                      JMH benchmarks to run
 *   --out DIR                        output directory (default target/bench-results/MODE-TIME)
 *   --docs FILE                      also replace the results section of FILE (docs/BENCHMARKS.md)
 *   --keep-logs                      keep every run's log file (they are deleted once checked)
 * </pre>
 */
record Options(Plan plan, Optional<Path> outDir, Optional<Path> docs, boolean keepLogs, String jmhInclude,
               Path classesDir, Path libDir) {

    static Options parse(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String section = !rest.isEmpty() && sections().contains(rest.get(0)) ? rest.remove(0) : null;
        String mode = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : "quick";
        Plan plan = Plan.forMode(mode);
        if (section != null) {
            plan = plan.withSections(expand(List.of(section)));
        }
        Optional<Path> out = Optional.empty();
        Optional<Path> docs = Optional.empty();
        boolean keep = false;
        List<Integer> shapeThreads = null;
        String jmh = "dev\\.spool\\.bench\\.jmh\\..*";
        for (int i = 0; i < rest.size(); i++) {
            String flag = rest.get(i);
            if (flag.equals("--keep-logs")) {
                keep = true;
                continue;
            }
            String value = value(rest, ++i, flag);
            switch (flag) {
                case "--out": out = Optional.of(Path.of(value)); break;
                case "--docs": docs = Optional.of(Path.of(value)); break;
                case "--jmh": jmh = value; break;
                case "--shape-threads": shapeThreads = numbers(value); break;
                default: plan = narrow(plan, flag, value);
            }
        }
        if (shapeThreads != null) {
            plan = plan.withEndToEnd(plan.events(), plan.threadCounts(), shapeThreads, plan.repeats());
        }
        Path classes = locateClasses();
        Path lib = Path.of(System.getProperty("bench.lib", classes.getParent().resolve("bench-lib").toString()));
        return new Options(plan, out, docs, keep, jmh, classes, lib);
    }

    private static Plan narrow(Plan plan, String flag, String value) {
        switch (flag) {
            case "--only": return plan.withSections(expand(words(value, sections())));
            case "--backends": return plan.withBackends(words(value, null).stream().map(Backend::byId).toList());
            case "--shapes": return plan.withShapes(words(value, null).stream().map(Shape::byId).toList());
            case "--threads": return plan.withEndToEnd(plan.events(), numbers(value), numbers(value), plan.repeats());
            case "--events":
                return plan.withEndToEnd(number(value), plan.threadCounts(), plan.shapeThreads(), plan.repeats());
            case "--repeats":
                return plan.withEndToEnd(plan.events(), plan.threadCounts(), plan.shapeThreads(), number(value));
            case "--loads": return plan.withLatency(loads(value), plan.warmup(), plan.measure());
            case "--measure-seconds":
                return plan.withLatency(plan.loads(), plan.warmup(), Duration.ofSeconds(number(value)));
            case "--queue-slots": return plan.withQueueSlots(number(value));
            default:
                throw new IllegalArgumentException("unknown option '" + flag + "'; see the bench script's --help");
        }
    }

    /** Every word {@code --only} accepts. */
    private static List<String> sections() {
        List<String> all = new ArrayList<>(Plan.ALL_SECTIONS);
        all.addAll(Plan.SERVICE_SECTIONS);
        all.add(Suites.ALL);
        return all;
    }

    /** The sections with {@code services} replaced by every service suite. */
    private static List<String> expand(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.addAll(w.equals(Suites.ALL) ? Plan.SERVICE_SECTIONS : List.of(w));
        }
        return out.stream().distinct().toList();
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("option " + flag + " needs a value");
        }
        return args.get(index);
    }

    private static List<String> words(String value, List<String> accepted) {
        List<String> words = Arrays.stream(value.split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
        for (String w : words) {
            if (accepted != null && !accepted.contains(w)) {
                throw new IllegalArgumentException("unknown '" + w + "': expected some of " + accepted);
            }
        }
        return words;
    }

    private static List<Integer> numbers(String value) {
        return words(value, null).stream().map(Options::number).toList();
    }

    private static List<Integer> loads(String value) {
        return words(value, null).stream().map(w -> w.equals("saturation") ? Plan.SATURATION : number(w)).toList();
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + value + "'");
        }
    }

    /** The directory (or jar) the benchmark classes were loaded from, unless {@code bench.classes} says. */
    private static Path locateClasses() {
        String configured = System.getProperty("bench.classes");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            return Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark classes", e);
        }
    }
}
