package dev.spool.bench.services;

import java.nio.file.Path;
import java.util.List;

/**
 * One suite: runs its configurations once, in this JVM, and checks where every event arrived.
 * {@link ServiceMain} calls {@link #run} twice on one instance (the cold pass, then the measured one), each
 * time with a fresh, empty directory: a run leaves nothing behind that the next one would see.
 */
interface ServiceSuite {

    /**
     * Sends {@code events} events through each configuration, working in {@code dir} (created, empty);
     * returns one measurement per configuration, never throwing for a loss: a loss is a verdict. Suites
     * with several configurations run them in reverse order when {@code round} is even, so that none is
     * always the first in a fresh JVM.
     */
    List<Measurement> run(Path dir, int events, int round) throws Exception;
}
