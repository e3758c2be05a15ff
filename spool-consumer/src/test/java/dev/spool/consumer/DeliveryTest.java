package dev.spool.consumer;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The attempt count a message brings back from the delay queues, whatever a publisher put in the header. */
class DeliveryTest {

    private static int attempts(Object header) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Delivery.ATTEMPTS_HEADER, header);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().headers(headers).build();
        return new Delivery(1, false, "", "q", props, new byte[0], "q").attemptsSoFar();
    }

    @Test
    void readsTheCountAndIgnoresWhatIsNotOne() {
        assertThat(attempts(3)).isEqualTo(3);
        assertThat(attempts(2L)).isEqualTo(2);
        assertThat(new Delivery(1, false, "", "q", new AMQP.BasicProperties(), new byte[0], "q").attemptsSoFar()).isZero();
        assertThat(attempts(null)).isZero();
        assertThat(attempts("7")).as("not a number: a first failure").isZero();
        assertThat(attempts(-5)).as("negative").isZero();
        assertThat(attempts(Long.MAX_VALUE)).as("huge: clamped, so the next failure is past any maxAttempts")
                .isEqualTo(1_000_000);
    }
}
