package dev.spool.bench.run;

import dev.spool.Logger;

/**
 * The one call of the {@code spool-api} shape, on Spool's own API, shared by the end-to-end run and the
 * JMH benchmark {@code LoggerCallBenchmark.enabledNumbers}, so both switch together.
 */
public final class SpoolApiCall {

    private SpoolApiCall() {
    }

    /**
     * Logs {@code "Thread {} log {}"} with two numbers, unboxed: {@code Logger} has one-argument primitive
     * overloads but none for two (they would make existing calls ambiguous, docs/java-apis.md), so two
     * numbers go through the event builder's {@code arg(long)}, which boxes nothing.
     */
    public static void numbers(Logger logger, int thread, int index) {
        logger.atInfo().arg(thread).arg(index).log("Thread {} log {}");
    }
}
