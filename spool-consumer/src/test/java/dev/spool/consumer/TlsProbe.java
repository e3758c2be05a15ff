package dev.spool.consumer;

import com.rabbitmq.client.Connection;

/**
 * Child JVM of {@link AmqpsVerificationTest}: connects with the consumer's connection factory to the
 * URI in {@code args[0]} and prints {@code connected} or {@code failed:} and every cause's message.
 */
public final class TlsProbe {

    private TlsProbe() {
    }

    public static void main(String[] args) {
        ConsumerSettings s = ConsumerSettings.builder().amqpUri(args[0]).store("sqlite:unused.db").build();
        try (Connection c = s.connectionFactory().newConnection()) {
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
