package dev.spool.consumer;

import com.rabbitmq.client.AMQP;
import dev.spool.spi.support.Diagnostics;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Builds and publishes dead letters (docs/consumer.md lists the headers): a whole message as it came, or
 * one event the store refused as its line. Each is confirmed by the broker before the caller goes on to
 * acknowledge the original. Used by its worker's thread only.
 */
final class DeadLetters {

    static final String REASON_HEADER = "spool-dead-reason";
    private static final int MAX_DETAIL_CHARS = 1000;

    private final ConsumerSettings settings;
    private final Counters counters;

    DeadLetters(ConsumerSettings settings, Counters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    /** Dead-letters message {@code d} whole: its body, properties and headers, plus the reason headers. */
    void message(Session session, Delivery d, DeadReason reason, String detail, int attempts)
            throws IOException, TimeoutException, InterruptedException {
        Map<String, Object> headers = new HashMap<>();
        if (d.props().getHeaders() != null) {
            headers.putAll(d.props().getHeaders());
        }
        headers.putAll(reasonHeaders(d, reason, detail));
        if (attempts > 0) {
            headers.put("spool-dead-attempts", attempts);
        }
        AMQP.BasicProperties props = d.props().builder().headers(headers).deliveryMode(2).expiration(null).build();
        session.publishDead(settings.deadLetterExchange(), d.routingKey(), props, d.body());
        counters.deadLettered(reason);
        Diagnostics.warn("consumer.dead." + reason.header(), "consumer: dead-lettered " + d.describe() + " to '"
                + settings.deadLetterQueue() + "': " + reason.header() + ": " + detail, null);
    }

    /** Dead-letters event {@code index} of {@code m}, refused by the store, as a one-line message. */
    void line(Session session, Batch.Message m, int index, String why)
            throws IOException, TimeoutException, InterruptedException {
        Delivery d = m.delivery();
        Map<String, Object> headers = new HashMap<>(reasonHeaders(d, DeadReason.REFUSED, why));
        headers.put(MessageDecoder.SCHEMA_HEADER, 1);
        headers.put(MessageDecoder.EVENTS_HEADER, 1);
        headers.put("spool-original-event", index);
        byte[] line = m.decoded().line(index);
        byte[] body = Arrays.copyOf(line, line.length + 1);
        body[line.length] = '\n';
        String id = d.props().getMessageId();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/x-ndjson")
                .deliveryMode(2).appId("spool-consumer").messageId(id == null ? null : id + "#" + index)
                .headers(headers).build();
        session.publishDead(settings.deadLetterExchange(), d.routingKey(), props, body);
        counters.deadLettered(DeadReason.REFUSED);
        Diagnostics.warn("consumer.dead.refused", "consumer: dead-lettered event " + index + " of " + d.describe()
                + ", refused by the store: " + why, null);
    }

    private Map<String, Object> reasonHeaders(Delivery d, DeadReason reason, String detail) {
        Map<String, Object> h = new HashMap<>();
        h.put(REASON_HEADER, reason.header());
        h.put("spool-dead-detail", detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail);
        h.put("spool-dead-at", Instant.now().toString());
        h.put("spool-dead-queue", String.join(",", settings.queues()));
        h.put("spool-original-exchange", d.exchange());
        h.put("spool-original-routing-key", d.routingKey());
        if (d.props().getMessageId() != null) {
            h.put("spool-original-message-id", d.props().getMessageId());
        }
        return h;
    }
}
