/**
 * The collector: receives events from other processes over TCP or unix sockets and writes them through an
 * {@link dev.spool.spi.Ingress} of its own; and the strict reader of Spool's JSON event schema.
 */
module dev.spool.collector {
    requires transitive dev.spool;

    exports dev.spool.collector;
    exports dev.spool.collector.json;
}
