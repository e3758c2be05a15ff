/** The {@code amqp} destination: events to RabbitMQ with publisher confirms, held on disk while it is away. */
// pgjdbc and the RabbitMQ client are automatic modules (named in their manifests), still without module-info.
@SuppressWarnings("requires-automatic")
module dev.spool.amqp {
    requires transitive dev.spool;
    requires com.rabbitmq.client;

    exports dev.spool.amqp;

    provides dev.spool.spi.SinkProvider with dev.spool.amqp.AmqpSinkProvider;
}
