package dev.spool.otlp;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body published as one buffer over the array itself. The JDK's {@code BodyPublishers.ofByteArray}
 * copies the array into 16 KB buffers on every send, each then written on its own: 25-40 buffers for a
 * 2000-event request. The array must not change while a request with it can still be sent (the sender makes
 * one per request and never writes to it again). Each subscription (a send, or a resend by the client)
 * gets the whole body from its start.
 */
final class ArrayBody implements Flow.Publisher<ByteBuffer> {

    private final byte[] bytes;
    private final int length;

    private ArrayBody(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The first {@code length} bytes of {@code bytes} as a body with that Content-Length. */
    static HttpRequest.BodyPublisher of(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("bad body length " + length + " of an array of " + bytes.length);
        }
        return length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(new ArrayBody(bytes, length), length);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Once(subscriber));
    }

    /** Emits the body on the first request for anything, then completes; thread-safe and re-entrant. */
    private final class Once implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicBoolean done = new AtomicBoolean();

        Once(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (!done.compareAndSet(false, true)) {
                return; // emitted already (this may be a call from within onNext), or cancelled
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("non-positive request " + n + " (Flow rule 3.9)"));
                return;
            }
            subscriber.onNext(ByteBuffer.wrap(bytes, 0, length));
            subscriber.onComplete();
        }

        @Override
        public void cancel() {
            done.set(true);
        }
    }
}
