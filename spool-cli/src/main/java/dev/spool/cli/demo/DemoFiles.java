package dev.spool.cli.demo;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a demo run writes: {@code DIR/spool.db} and {@code DIR/high_concurrency/threaded.log}, or, when
 * any file of that pair is there already (from an earlier run or from anything else), the first free pair
 * {@code spool-N.db} / {@code threaded-N.log}. The demo never deletes or overwrites a file.
 *
 * @param db   the SQLite database of the sqlite scenario
 * @param log  the text file of the concurrency scenario
 * @param run  1 for the plain names, N for the numbered ones
 */
record DemoFiles(Path db, Path log, int run) {

    /** More numbered runs than this in one directory is a directory to clean up, not to fill further. */
    static final int MAX_RUNS = 999;

    /**
     * The first pair in {@code dir} of which no file exists (SQLite's {@code -wal} and {@code -shm} included).
     *
     * @throws IllegalStateException when {@link #MAX_RUNS} pairs exist already
     */
    static DemoFiles in(Path dir) {
        for (int run = 1; run <= MAX_RUNS; run++) {
            DemoFiles files = new DemoFiles(dir.resolve(name("spool", run, ".db")),
                    dir.resolve("high_concurrency").resolve(name("threaded", run, ".log")), run);
            if (files.noneExists()) {
                return files;
            }
        }
        throw new IllegalStateException(dir + " holds " + MAX_RUNS + " demo runs already; give another directory"
                + " with --dir DIR, or delete old runs yourself");
    }

    private static String name(String stem, int run, String extension) {
        return run == 1 ? stem + extension : stem + "-" + run + extension;
    }

    private boolean noneExists() {
        for (Path p : new Path[] {db, db.resolveSibling(db.getFileName() + "-wal"),
            db.resolveSibling(db.getFileName() + "-shm"), log}) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why these names and not the plain ones, naming the files the scenarios that run will write; null for
     * the first run in the directory.
     */
    String notice(Path dir, boolean sqlite, boolean concurrency) {
        if (run == 1) {
            return null;
        }
        String writes = sqlite && concurrency ? db + " and " + log : sqlite ? db.toString() : log.toString();
        return "spool demo: " + dir.resolve("spool.db") + " or " + dir.resolve(DemoCommand.RELATIVE_FILE)
                + " exists already; this run writes " + writes
                + " (the demo never overwrites or deletes a file; --dir DIR writes elsewhere)";
    }
}
