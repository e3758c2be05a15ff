package dev.spool.testkit.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.spool.testkit.fixture.Probes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TestTopology}: unique names per method, what was declared under them deleted afterwards. */
class ScratchTopologyIT {

    private static final List<ScratchTopology> SEEN = new CopyOnWriteArrayList<>();

    /** Run by {@link Probes}, not by the build; declares what the code under test would. */
    static class Probe {

        @TestTopology
        ScratchTopology topology;

        @Test
        void first() throws Exception {
            declare(topology);
        }

        @Test
        void second(@TestTopology ScratchTopology parameter) throws Exception {
            assertThat(parameter).isSameAs(topology);
            declare(topology);
        }

        private static void declare(ScratchTopology t) throws Exception {
            try (Connection c = Broker.factory().newConnection(); Channel ch = c.createChannel()) {
                ch.exchangeDeclare(t.exchange(), BuiltinExchangeType.TOPIC, true);
                ch.exchangeDeclare(t.exchange() + ".dlx", BuiltinExchangeType.FANOUT, true);
                ch.queueDeclare(t.deadLetterQueue(), true, false, false, null);
                ch.queueDeclare(t.queue(), true, false, false, Map.of("x-dead-letter-exchange", t.exchange() + ".dlx"));
                ch.queueBind(t.queue(), t.exchange(), "#");
            }
            assertThat(exists(t)).isTrue();
            SEEN.add(t);
        }
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void eachMethodGetsItsOwnNamesAndWhatWasDeclaredUnderThemIsDeletedAfterwards() throws Exception {
        assertThat(Probes.run(Probe.class)).isEqualTo(2);

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0).queue()).isNotEqualTo(SEEN.get(1).queue()).startsWith("test.Probe.");
        for (ScratchTopology t : SEEN) {
            assertThat(exists(t)).as(t + " deleted").isFalse();
        }
    }

    /** Whether any of the four still exists (a passive declaration of a missing one closes the channel). */
    private static boolean exists(ScratchTopology t) throws Exception {
        try (Connection c = Broker.factory().newConnection()) {
            for (String queue : List.of(t.queue(), t.deadLetterQueue())) {
                if (exists(c, ch -> ch.queueDeclarePassive(queue))) {
                    return true;
                }
            }
            for (String exchange : List.of(t.exchange(), t.exchange() + ".dlx")) {
                if (exists(c, ch -> ch.exchangeDeclarePassive(exchange))) {
                    return true;
                }
            }
            return false;
        }
    }

    private interface Passive {
        void declare(Channel channel) throws IOException;
    }

    private static boolean exists(Connection c, Passive passive) throws Exception {
        Channel ch = c.createChannel();
        try {
            passive.declare(ch);
            ch.close();
            return true;
        } catch (IOException notFound) {
            return false;
        }
    }
}
