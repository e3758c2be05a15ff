package dev.spool.amqp;

import com.rabbitmq.client.Connection;
import dev.spool.spi.Options;

import java.util.Map;

/**
 * Child JVM of {@link AmqpsUrlTest}: connects with the {@code amqp} destination's connection factory for
 * {@code url = args[0]} and prints {@code connected} or {@code failed:} and every cause's message.
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    public static void main(String[] args) {
        AmqpSettings s = AmqpSettings.fromOptions(new Options("destination.mq.", Map.of("url", args[0])));
        try (Connection c = Publisher.connectionFactory("mq", s.broker()).newConnection()) {
            System.out.println("connected");
        } catch (Exception e) {
            StringBuilder why = new StringBuilder("failed:");
            for (Throwable t = e; t != null; t = t.getCause()) {
                why.append(' ').append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(';');
            }
            System.out.println(why);
        }
    }
}
