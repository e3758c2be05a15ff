package dev.spool;

import java.util.Map;

/** The JMX view of a pipeline's counters, registered as {@code dev.spool:type=Pipeline,name=NAME}. */
public interface PipelineMXBean {
    long getAccepted();
    long getWritten();
    long getDropped();
    Map<String, Long> getDroppedByReason();
    long getPending();
    int getQueueCapacity();
    long getMaxQueueDepth();
    long getBatches();
    long getDestinationErrors();
    long getDestinationFailed();
}
