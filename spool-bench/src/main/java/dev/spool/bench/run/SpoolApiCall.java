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
     * Logs {@code "Thread {} log {}"} with two numbers.
     *
     * <p>SWITCH TO PRIMITIVE OVERLOADS HERE: today this binds to {@code Logger.info(String, Object, Object)},
     * so the call boxes both ints. When {@code dev.spool.Logger} gains primitive overloads (branch
     * {@code zero-alloc}), this same source binds to the {@code int} one after a rebuild (an exact primitive
     * match wins over boxing); check with {@code javap -c} that it does.
     */
    public static void numbers(Logger logger, int thread, int index) {
        logger.info("Thread {} log {}", thread, index);
    }
}
