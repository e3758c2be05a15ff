package dev.spool.spi.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The only source of Spool's threads: named daemon threads such as {@code spool-writer-1}. */
public final class DaemonThreads implements ThreadFactory {

    private static final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> COUNTERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String prefix;

    private DaemonThreads(String prefix) {
        this.prefix = prefix;
    }

    /** A factory whose threads are named {@code prefix-1}, {@code prefix-2}, ... (numbered per prefix). */
    public static ThreadFactory named(String prefix) {
        return new DaemonThreads(prefix);
    }

    @Override
    public Thread newThread(Runnable task) {
        int n = COUNTERS.computeIfAbsent(prefix, p -> new AtomicInteger()).incrementAndGet();
        Thread t = new Thread(task, prefix + "-" + n);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) ->
                Diagnostics.warn("uncaught." + prefix, "thread " + thread.getName() + " died", e));
        return t;
    }
}
