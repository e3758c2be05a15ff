/** The RabbitMQ ingest consumer: events from queues into a store, acknowledged only once committed; alerts. */
// pgjdbc and the RabbitMQ client are automatic modules (named in their manifests), still without module-info.
@SuppressWarnings("requires-automatic")
module dev.spool.consumer {
    requires transitive dev.spool.store;
    requires dev.spool.collector;
    requires dev.spool.sqlite;
    requires dev.spool.postgres;
    requires com.rabbitmq.client;
    requires java.net.http;

    exports dev.spool.consumer;
    exports dev.spool.consumer.alert;
}
