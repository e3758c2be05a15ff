package dev.spool.spi;

import dev.spool.Level;

import java.util.Map;

/**
 * What a pipeline's MXBean offers besides its counters: changing levels and reloading the configuration
 * file. The logging API ({@link dev.spool.Spool}) owns loggers, levels and the configuration source, so it
 * implements this and hands it to {@link LogPipeline#registerJmx(RuntimeControl)}.
 *
 * <p>Applications use {@link dev.spool.Spool}'s methods of the same names instead. Thread-safe.
 */
public interface RuntimeControl {

    /**
     * Sets the level of {@code loggerPrefix} and every logger under it, effective at once; null clears
     * the level set earlier for that prefix.
     */
    void setLevel(String loggerPrefix, Level level);

    /**
     * The levels in force by logger prefix ({@code ""} is the root): each route's level, replaced by the
     * level set at runtime for the same prefix, plus the prefixes set at runtime that no route has.
     */
    Map<String, Level> levels();

    /** The levels set at runtime by logger prefix, the subset of {@link #levels()} that overrides routes. */
    Map<String, Level> runtimeLevels();

    /**
     * Reads the configuration file again and swaps pipelines as {@link dev.spool.Spool#configure} does.
     *
     * @return a one-line summary of what was applied
     * @throws IllegalArgumentException if the file is invalid (the running configuration stays)
     * @throws IllegalStateException if the configuration was not read from a file, or a destination
     *         cannot be opened (the running configuration stays)
     */
    String reload();
}
