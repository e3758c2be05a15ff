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

    private static final ContextContributor[] ALL = load();
    /** Contributors that threw once are skipped from then on; written only when one fails. */
    private static volatile boolean[] disabled = new boolean[ALL.length];

    private ContextContributors() {
    }

    /** The calling thread's context with every contributor's entries. Never throws. */
    static ContextMap captured() {
        ContextMap context = Context.current();
        ContextContributor[] all = ALL;
        for (int i = 0; i < all.length; i++) {
            if (!disabled[i]) {
                context = contribute(all[i], i, context);
            }
        }
        return context;
    }

    private static ContextMap contribute(ContextContributor contributor, int index, ContextMap context) {
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

    private static ContextContributor[] load() {
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
        return found.toArray(new ContextContributor[0]);
    }
}
