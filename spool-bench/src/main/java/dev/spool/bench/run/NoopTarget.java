package dev.spool.bench.run;

import java.util.Map;

/**
 * Logs nothing: run under the latency benchmark it measures the pacing harness alone (timer slack of
 * {@code parkNanos}, clock reads), the floor under every backend's figures.
 */
final class NoopTarget implements LogTarget {

    private volatile int sink;

    @Override
    public void log(int thread, int index) {
        sink = index; // a store the JIT cannot remove, so the call is not optimised away entirely
    }

    @Override
    public Map<String, String> stop() {
        return Map.of("last", Integer.toString(sink));
    }

    @Override
    public void drain() {
        // nothing is queued
    }

    @Override
    public Map<String, String> facts() {
        return Map.of("provider", "none");
    }
}
