package dev.spool.spi;

import dev.spool.ContextMap;

/**
 * Adds entries to the context of every event as it is captured on the logging thread, such as the
 * current trace and span ids from a tracing library. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.spool.spi.ContextContributor}, or {@code provides} in a module) once,
 * when the first pipeline starts capturing; with none registered, capturing an event costs nothing more.
 *
 * <p>Called for every event that passes its level check, on the application's thread, while that
 * thread waits: an implementation must be thread-safe, must not block or log, and should allocate
 * nothing when it has nothing to add. One that throws is reported once on stderr and not called again.
 */
public interface ContextContributor {

    /**
     * The context the event keeps: {@code context} with this contributor's entries added (through
     * {@link ContextMap#with}), or {@code context} itself when there is nothing to add.
     *
     * @param context the thread's context ({@link dev.spool.Context#current()}, possibly with the entries
     *                of contributors called before this one); never null
     * @return never null
     */
    ContextMap contribute(ContextMap context);
}
