package dev.spool.amqp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmWindowTest {

    private static ConfirmWindow threeSent() {
        ConfirmWindow w = new ConfirmWindow();
        w.add(1, 100, 10);
        w.add(2, 200, 20);
        w.add(3, 300, 30);
        return w;
    }

    @Test
    void releasesOnlyTheConfirmedPrefix() {
        ConfirmWindow w = threeSent();
        w.ack(2, false);
        assertThat(w.takeReleased()).isNull();
        w.ack(1, false);
        assertThat(w.takeReleased()).containsExactly(200, 30);
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void multipleConfirmCoversEverythingUpToItsSequenceNumber() {
        ConfirmWindow w = threeSent();
        w.ack(3, true);
        assertThat(w.takeReleased()).containsExactly(300, 60);
        assertThat(w.size()).isZero();
        assertThat(w.takeReleased()).isNull();
    }

    @Test
    void nothingIsReleasedOnceANackOrReturnPoisonedTheWindow() {
        ConfirmWindow w = threeSent();
        w.ack(1, false);
        w.fail("returned");
        w.ack(3, true); // a returned message is confirmed afterwards: it must not count as delivered
        assertThat(w.takeReleased()).containsExactly(100, 10);
        assertThat(w.failure()).isEqualTo("returned");
    }

    @Test
    void resetForgetsTheOldChannel() {
        ConfirmWindow w = threeSent();
        w.fail("nack");
        w.reset();
        assertThat(w.failure()).isNull();
        assertThat(w.size()).isZero();
    }
}
