package dev.spool.otlp;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body published as 64 KB views of the array itself. The JDK's {@code BodyPublishers.ofByteArray}
 * copies the array into 16 KB buffers on every send, each then written on its own: 25-40 buffers for a
 * 2000-event request. One view of the whole body is no better: a socket write that takes part of a heap
 * buffer has had the whole rest copied into a direct buffer first, again at the next write. The array must
 * not change while a request with it can still be sent (the sender makes one per request and never writes
 * to it again). Each subscription (a send, or a resend by the client) gets the whole body from its start.
 */
final class ArrayBody implements Flow.Publisher<ByteBuffer> {

    static final int SLICE_BYTES = 64 * 1024;

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
        subscriber.onSubscribe(new Slices(subscriber));
    }

    /**
     * Emits one slice per unit of demand, then completes. {@code request} may come from any thread and from
     * within {@code onNext}: whoever raises {@code drainers} from 0 emits, the others only add demand, so
     * the subscriber's signals never overlap (Flow rule 1.3).
     */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger drainers = new AtomicInteger();
        /** Next byte to emit; written only by the thread that holds the drain. */
        private int position;
        private volatile boolean finished;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!finished) {
                    finished = true;
                    subscriber.onError(new IllegalArgumentException("non-positive request " + n + " (Flow rule 3.9)"));
                }
                return;
            }
            demand.getAndAccumulate(n, (has, more) -> has + more < 0 ? Long.MAX_VALUE : has + more);
            if (drainers.getAndIncrement() != 0) {
                return; // the thread draining sees the new demand before it lets go
            }
            do {
                while (!finished && position < length && demand.get() > 0) {
                    int slice = Math.min(SLICE_BYTES, length - position);
                    ByteBuffer view = ByteBuffer.wrap(bytes, position, slice);
                    position += slice;
                    demand.decrementAndGet();
                    subscriber.onNext(view);
                }
                if (!finished && position >= length) {
                    finished = true;
                    subscriber.onComplete();
                }
            } while (drainers.decrementAndGet() != 0);
        }

        @Override
        public void cancel() {
            finished = true;
        }
    }
}
