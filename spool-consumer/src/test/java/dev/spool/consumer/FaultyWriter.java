package dev.spool.consumer;

import dev.spool.spi.LogEvent;
import dev.spool.store.StoreWriter;
import dev.spool.store.WriteResult;

import java.util.List;

/**
 * A real store writer with a fault injected around its writes: {@code before} may throw (the store
 * failing) or cut the broker connection (before the commit), {@code after} runs once the real write has
 * committed (a cut between the commit and the ack).
 */
final class FaultyWriter implements StoreWriter {

    interface Hook {
        void run(List<? extends LogEvent> events) throws Exception;
    }

    private final StoreWriter real;
    private final Hook before;
    private final Hook after;

    FaultyWriter(StoreWriter real, Hook before, Hook after) {
        this.real = real;
        this.before = before;
        this.after = after;
    }

    @Override
    public WriteResult write(List<? extends LogEvent> events) {
        call(before, events);
        WriteResult result = real.write(events);
        call(after, events);
        return result;
    }

    private static void call(Hook hook, List<? extends LogEvent> events) {
        if (hook == null) {
            return;
        }
        try {
            hook.run(events);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "faulty " + real.describe();
    }

    @Override
    public void close() {
        real.close();
    }
}
