package dev.spool.internal.pipeline;

import dev.spool.Context;
import dev.spool.ContextMap;
import dev.spool.spi.ContextContributor;
import dev.spool.spi.support.Diagnostics;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registered {@link ContextContributor}s, loaded once. {@link #captured()} is the context an event
 * keeps: the thread's context, through each contributor. With none registered it is just
 * {@link Context#current()} after one read of a final field.
 */
final class ContextContributors {

    /** Those registered with ServiceLoader, looked up once. */
    private static final ContextContributors LOADED = new ContextContributors(load());

    private final ContextContributor[] all;
    /** Contributors that threw once are skipped from then on; replaced (copy on write) only when one fails. */
    private volatile boolean[] disabled;

    ContextContributors(List<ContextContributor> contributors) {
        this.all = contributors.toArray(new ContextContributor[0]);
        this.disabled = new boolean[all.length];
    }

    /** The calling thread's context with every registered contributor's entries. Never throws. */
    static ContextMap captured() {
        return LOADED.apply(Context.current());
    }

    /** {@code context} through each contributor that has not failed. Never throws. */
    ContextMap apply(ContextMap context) {
        ContextContributor[] contributors = all;
        for (int i = 0; i < contributors.length; i++) {
            if (!disabled[i]) {
                context = contribute(contributors[i], i, context);
            }
        }
        return context;
    }

    private ContextMap contribute(ContextContributor contributor, int index, ContextMap context) {
        try {
            ContextMap result = contributor.contribute(context);
            return result == null ? context : result;
        } catch (RuntimeException | LinkageError e) {
            boolean[] copy = disabled.clone();
            copy[index] = true;
            disabled = copy;
            Diagnostics.warn("context-contributor", "context contributor " + contributor.getClass().getName()
                    + " failed and is no longer called", e);
            return context;
        }
    }

    private static List<ContextContributor> load() {
        List<ContextContributor> found = new ArrayList<>();
        Iterator<ContextContributor> it =
                ServiceLoader.load(ContextContributor.class, ContextContributors.class.getClassLoader()).iterator();
        // The iterator goes on past a provider that fails (ServiceLoader's contract); the bound guards a loop.
        for (int attempts = 0; attempts < 100; attempts++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                // Such as spool-otel-context without the OpenTelemetry API on the class path: run without it.
                Diagnostics.warn("context-contributor", "a context contributor could not be loaded and is not used", e);
            }
        }
        return found;
    }
}
