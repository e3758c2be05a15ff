/**
 * The RabbitMQ ingest consumer: events from queues into a store, acknowledged only once committed; alerts.
 * The store is opened through the store SPI, so whichever store module is on the module path serves.
 */
// The RabbitMQ client is an automatic module (named in its manifest), still without module-info.
@SuppressWarnings("requires-automatic")
module dev.spool.consumer {
    requires transitive dev.spool.store;
    requires dev.spool.collector;
    requires transitive dev.spool.alert;
    requires com.rabbitmq.client;
    requires java.net.http;

    exports dev.spool.consumer;
}
