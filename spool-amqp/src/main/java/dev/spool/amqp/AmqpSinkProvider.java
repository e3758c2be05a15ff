package dev.spool.amqp;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

/**
 * The {@code amqp} destination type: events batched as JSON Lines into persistent messages on a RabbitMQ
 * topic exchange, through a disk spool that keeps them while the broker is away (docs/amqp.md).
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class AmqpSinkProvider implements SinkProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public AmqpSinkProvider() {
    }

    @Override
    public String type() {
        return "amqp";
    }

    /** Validates every option now; the sink (its spool and publisher thread) is opened by the pipeline. */
    @Override
    public SinkFactory configure(Options options) {
        AmqpSettings settings = AmqpSettings.fromOptions(options);
        return context -> new AmqpSink(context.destinationName(), settings, context.resource());
    }
}
