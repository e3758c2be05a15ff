package dev.spool;

import java.util.Map;

/**
 * The JMX view of a pipeline, registered as {@code dev.spool:type=Pipeline,name=NAME}: its counters as
 * read-only attributes, and operations to change levels and reload the configuration file (for jconsole,
 * VisualVM or any JMX client; docs/runtime-control.md).
 *
 * <p>The operations act on the process's logging as {@link Spool}'s methods of the same names do, and
 * throw {@link IllegalArgumentException} (which a remote client receives as the cause of a
 * {@code RuntimeMBeanException}) for bad input, naming the value and what is accepted.
 */
public interface PipelineMXBean {
    /** @return events accepted by the pipeline */
    long getAccepted();
    /** @return events that reached their destinations */
    long getWritten();
    /** @return events not written, all reasons */
    long getDropped();
    /** @return events not written, by reason */
    Map<String, Long> getDroppedByReason();
    /** @return events accepted and not yet written */
    long getPending();
    /** @return slots in the queue */
    int getQueueCapacity();
    /** @return the most events the queue has held at once */
    long getMaxQueueDepth();
    /** @return batches the writer has taken */
    long getBatches();
    /** @return write errors destinations reported */
    long getDestinationErrors();
    /** @return events destinations refused for good */
    long getDestinationFailed();

    /**
     * Sets the level of a logger and every logger under it, effective at once, as {@link Spool#setLevel}.
     *
     * @param loggerPrefix a logger name or prefix; empty for the root (at most 1,024 characters)
     * @param level        TRACE, DEBUG, INFO, WARN, ERROR or FATAL, case-insensitive
     * @throws IllegalArgumentException for an unknown level or an over-long prefix, naming the value
     */
    void setLevel(String loggerPrefix, String level);

    /**
     * Removes the level set at runtime for exactly {@code loggerPrefix}; its loggers return to the
     * configured level (or to a shorter prefix's runtime level).
     *
     * @param loggerPrefix the prefix given to {@link #setLevel}
     */
    void clearLevel(String loggerPrefix);

    /**
     * The levels in force by logger prefix, as {@link Spool#levels()}, with runtime changes marked:
     * {@code WARN} for a configured level, {@code DEBUG (set at runtime)} for one set through
     * {@link #setLevel}.
     *
     * @return prefix ({@code ""} is the root) to level, sorted by prefix
     */
    Map<String, String> listLevels();

    /**
     * Reads the configuration file again and swaps pipelines as {@link Spool#reload()} does: events
     * logged meanwhile go to the old pipeline or the new one, none is lost. This MBean is then replaced by
     * the new pipeline's, under the same name.
     *
     * @return a one-line summary of what was applied
     * @throws IllegalArgumentException if the file is invalid (the running configuration stays)
     * @throws IllegalStateException if the configuration was not read from a file
     */
    String reload();
}
