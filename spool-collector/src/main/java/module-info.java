/**
 * The collector: receives events from other processes over TCP or unix sockets (Spool's NDJSON protocol)
 * and OTLP/HTTP, and writes them through an {@link dev.spool.spi.Ingress} of its own; the strict reader of
 * Spool's JSON event schema; the reader of OTLP logs requests.
 */
module dev.spool.collector {
    requires transitive dev.spool;
    requires jdk.httpserver;

    exports dev.spool.collector;
    exports dev.spool.collector.json;
    exports dev.spool.collector.otlp;
}
