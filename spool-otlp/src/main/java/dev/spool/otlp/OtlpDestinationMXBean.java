package dev.spool.otlp;

/** One {@code otlp} destination as JMX shows it: {@code dev.spool:type=OtlpDestination,name="NAME"}. */
public interface OtlpDestinationMXBean {

    String getEndpoint();

    String getState();

    String getLastError();

    long getSpoolEvents();

    long getSpoolBytes();

    long getRequests();

    long getDeliveredEvents();

    long getRejectedEvents();

    long getRejectedBatches();

    long getPartialSuccesses();

    long getRetries();

    long getResentEvents();

    long getDroppedEvents();

    long getRefusedEvents();
}
