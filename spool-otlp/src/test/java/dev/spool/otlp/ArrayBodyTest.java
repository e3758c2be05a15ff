package dev.spool.otlp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrayBodyTest {

    @Test
    void everySubscriptionGetsTheWholeBodyFromItsStartThenCompletion() {
        HttpRequest.BodyPublisher body = ArrayBody.of(new byte[] {1, 2, 3, 4, 5}, 4);
        assertThat(body.contentLength()).isEqualTo(4);
        for (int attempt = 0; attempt < 2; attempt++) { // the client subscribes again when it resends
            Recorder r = new Recorder(Long.MAX_VALUE, false);
            body.subscribe(r);
            assertThat(r.bytes.toByteArray()).containsExactly(1, 2, 3, 4);
            assertThat(r.signals).endsWith("complete");
        }
    }

    @Test
    void aLargeBodyComesInSlicesOnePerRequestedItemInOrder() {
        byte[] body = new byte[3 * ArrayBody.SLICE_BYTES + 5];
        new java.util.Random(3).nextBytes(body);
        Recorder r = new Recorder(1, false);
        ArrayBody.of(body, body.length).subscribe(r);
        assertThat(r.signals).containsExactly("next");
        r.subscription.request(2);
        assertThat(r.signals).containsExactly("next", "next", "next");
        r.subscription.request(5);
        assertThat(r.signals).containsExactly("next", "next", "next", "next", "complete");
        assertThat(r.bytes.toByteArray()).isEqualTo(body);
    }

    @Test
    void requestsFromWithinOnNextEmitTheRestInOrderWithoutRecursion() {
        byte[] body = new byte[10 * ArrayBody.SLICE_BYTES];
        new java.util.Random(4).nextBytes(body);
        Recorder r = new Recorder(1, true);
        ArrayBody.of(body, body.length).subscribe(r);
        assertThat(r.signals).hasSize(11).endsWith("complete");
        assertThat(r.maxDepth).isEqualTo(1);
        assertThat(r.bytes.toByteArray()).isEqualTo(body);
    }

    @Test
    void nothingIsEmittedAfterCancel() {
        Recorder r = new Recorder(0, false);
        ArrayBody.of(new byte[] {7}, 1).subscribe(r);
        r.subscription.cancel();
        r.subscription.request(1);
        assertThat(r.signals).isEmpty();
    }

    @Test
    void aNonPositiveRequestIsAnError() {
        Recorder r = new Recorder(0, false);
        ArrayBody.of(new byte[] {7}, 1).subscribe(r);
        r.subscription.request(0);
        assertThat(r.signals).containsExactly("error");
    }

    @Test
    void anEmptyBodyHasLengthZeroAndALengthPastTheArrayIsRefused() {
        assertThat(ArrayBody.of(new byte[3], 0).contentLength()).isZero();
        assertThatThrownBy(() -> ArrayBody.of(new byte[3], 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad body length 4");
    }

    /** Requests {@code initial} on subscribe; optionally requests one more from within onNext. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> signals = new ArrayList<>();
        final long initial;
        final boolean requestInOnNext;
        Flow.Subscription subscription;
        int depth;
        int maxDepth;

        Recorder(long initial, boolean requestInOnNext) {
            this.initial = initial;
            this.requestInOnNext = requestInOnNext;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(ByteBuffer item) {
            maxDepth = Math.max(maxDepth, ++depth);
            signals.add("next");
            byte[] b = new byte[item.remaining()];
            item.get(b);
            bytes.writeBytes(b);
            if (requestInOnNext) {
                subscription.request(1);
            }
            depth--;
        }

        @Override
        public void onError(Throwable t) {
            signals.add("error");
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }
}
