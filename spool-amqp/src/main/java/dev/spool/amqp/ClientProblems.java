package dev.spool.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.ExceptionHandler;
import com.rabbitmq.client.TopologyRecoveryException;
import dev.spool.spi.support.Diagnostics;

/**
 * Routes the RabbitMQ client's own error reports to Spool's diagnostics instead of the client's SLF4J
 * logging, which could lead back into the pipeline this destination is part of.
 */
final class ClientProblems implements ExceptionHandler {

    private final String destination;

    ClientProblems(String destination) {
        this.destination = destination;
    }

    private void report(String what, Throwable e) {
        Diagnostics.warn("amqp." + destination + ".client." + what,
                "amqp destination '" + destination + "': RabbitMQ client " + what, e);
    }

    @Override
    public void handleUnexpectedConnectionDriverException(Connection conn, Throwable e) {
        report("connection driver error", e);
    }

    @Override
    public void handleReturnListenerException(Channel channel, Throwable e) {
        report("return listener error", e);
    }

    @Override
    public void handleConfirmListenerException(Channel channel, Throwable e) {
        report("confirm listener error", e);
    }

    @Override
    public void handleBlockedListenerException(Connection conn, Throwable e) {
        report("blocked listener error", e);
    }

    @Override
    public void handleConsumerException(Channel channel, Throwable e, Consumer consumer, String tag, String method) {
        report("consumer error", e);
    }

    @Override
    public void handleConnectionRecoveryException(Connection conn, Throwable e) {
        report("connection recovery error", e);
    }

    @Override
    public void handleChannelRecoveryException(Channel ch, Throwable e) {
        report("channel recovery error", e);
    }

    @Override
    public void handleTopologyRecoveryException(Connection conn, Channel ch, TopologyRecoveryException e) {
        report("topology recovery error", e);
    }
}
