package dev.spool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spool bench}: the benchmark suite runs from a source checkout, where the {@code ./spool}
 * launcher hands it to {@code spool-bench/bench}; the CLI jar alone does not contain the peers it
 * compares against (Log4j 2, Logback), so here it only says how to run it.
 */
@Command(name = "bench",
        description = {"Compare with Log4j 2 and Logback (smoke, quick or full run from a checkout)."},
        footer = {"", "Examples:", "  ./spool bench quick", "  ./spool bench full --docs docs/BENCHMARKS.md",
                "  ./spool bench --help"})
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", hidden = true)
    List<String> args;

    @Override
    public Integer call() {
        System.err.println("spool bench: run it from a source checkout as './spool bench "
                + (args == null ? "" : String.join(" ", args)).trim()
                + "': the launcher builds spool-bench and runs spool-bench/bench (see docs/BENCHMARKS.md)");
        return 2;
    }
}
