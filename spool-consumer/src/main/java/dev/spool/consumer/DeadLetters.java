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

    /**
     * Dead-letters event {@code index} of {@code m}, refused by the store, as a one-line message.
     *
     * @param attempts how many times the store refused it (0: not counted)
     */
    void line(Session session, Batch.Message m, int index, String why, int attempts)
            throws IOException, TimeoutException, InterruptedException {
        Delivery d = m.delivery();
        Map<String, Object> headers = new HashMap<>(reasonHeaders(d, DeadReason.REFUSED, why));
        if (attempts > 0) {
            headers.put("spool-dead-attempts", attempts);
        }
        session.publishDead(settings.deadLetterExchange(), d.routingKey(), lineProps(m, index, headers), lineBody(m, index));
        counters.deadLettered(DeadReason.REFUSED);
        Diagnostics.warn("consumer.dead.refused", "consumer: dead-lettered event " + index + " of " + d.describe()
                + ", refused by the store: " + why, null);
    }

    /**
     * Sends message {@code d} whole to its delay queue after its {@code attempts}-th non-retryable store
     * failure; it comes back to the queue it came from after {@link ConsumerSettings#delayMillis}. Confirmed
     * by the broker before the caller acknowledges the original.
     */
    void delay(Session session, Delivery d, int attempts, String why)
            throws IOException, TimeoutException, InterruptedException {
        Map<String, Object> headers = new HashMap<>();
        if (d.props().getHeaders() != null) {
            headers.putAll(d.props().getHeaders());
        }
        headers.putAll(retryHeaders(d, attempts, why));
        publishDelayed(session, d, attempts, d.props().builder().headers(headers), d.body(), d.describe(), why);
    }

    /** As {@link #delay}, for event {@code index} of {@code m} that the store refused: sent as a one-line message. */
    void delayLine(Session session, Batch.Message m, int index, String why, int attempts)
            throws IOException, TimeoutException, InterruptedException {
        Map<String, Object> headers = new HashMap<>(retryHeaders(m.delivery(), attempts, why));
        publishDelayed(session, m.delivery(), attempts, lineProps(m, index, headers).builder(), lineBody(m, index),
                "event " + index + " of " + m.delivery().describe(), why);
    }

    private void publishDelayed(Session session, Delivery d, int attempts, AMQP.BasicProperties.Builder props,
                                byte[] body, String what, String why)
            throws IOException, TimeoutException, InterruptedException {
        String queue = settings.delayQueue(d.queue(), attempts);
        long delay = settings.delayMillis(attempts);
        session.publishDelayed(queue, props.deliveryMode(2).expiration(Long.toString(delay)).build(), body);
        counters.delayed.increment();
        Diagnostics.warn("consumer.delayed", "consumer: " + what + " failed in the store (attempt " + attempts + " of "
                + settings.maxAttempts() + "), sent to '" + queue + "' to come back in " + delay + " ms: " + why, null);
    }

    private Map<String, Object> retryHeaders(Delivery d, int attempts, String why) {
        Map<String, Object> h = new HashMap<>();
        h.put(Delivery.ATTEMPTS_HEADER, attempts);
        h.put("spool-retry-reason", cut(why));
        // Back through the default exchange the delivery's exchange and key are "" and the queue's name.
        h.put("spool-original-exchange", original(d, "spool-original-exchange", d.exchange()));
        h.put("spool-original-routing-key", original(d, "spool-original-routing-key", d.routingKey()));
        return h;
    }

    private static Object original(Delivery d, String header, String fallback) {
        Object v = d.props().getHeaders() == null ? null : d.props().getHeaders().get(header);
        return v != null ? v.toString() : fallback;
    }

    private static String cut(String detail) {
        return detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail;
    }

    private static AMQP.BasicProperties lineProps(Batch.Message m, int index, Map<String, Object> headers) {
        headers.put(MessageDecoder.SCHEMA_HEADER, 1);
        headers.put(MessageDecoder.EVENTS_HEADER, 1);
        // A line back from a delay queue keeps the index it had in the message it was first part of.
        Object first = m.delivery().attemptsSoFar() > 0 && m.delivery().props().getHeaders() != null
                ? m.delivery().props().getHeaders().get("spool-original-event") : null;
        headers.put("spool-original-event", first instanceof Number ? ((Number) first).intValue() : index);
        String id = m.delivery().props().getMessageId();
        boolean single = m.decoded().events().size() == 1 && m.delivery().attemptsSoFar() > 0;
        // A line that comes back alone keeps its id, so a second refusal does not add another '#index'.
        String lineId = id == null ? null : single ? id : id + "#" + index;
        return new AMQP.BasicProperties.Builder().contentType("application/x-ndjson")
                .deliveryMode(2).appId("spool-consumer").messageId(lineId).headers(headers).build();
    }

    private static byte[] lineBody(Batch.Message m, int index) {
        byte[] line = m.decoded().line(index);
        byte[] body = Arrays.copyOf(line, line.length + 1);
        body[line.length] = '\n';
        return body;
    }

    private Map<String, Object> reasonHeaders(Delivery d, DeadReason reason, String detail) {
        Map<String, Object> h = new HashMap<>();
        h.put(REASON_HEADER, reason.header());
        h.put("spool-dead-detail", cut(detail));
        h.put("spool-dead-at", Instant.now().toString());
        h.put("spool-dead-queue", String.join(",", settings.queues()));
        h.put("spool-original-exchange", original(d, "spool-original-exchange", d.exchange()));
        h.put("spool-original-routing-key", original(d, "spool-original-routing-key", d.routingKey()));
        if (d.props().getMessageId() != null) {
            h.put("spool-original-message-id", d.props().getMessageId());
        }
        return h;
    }
}
