package dev.spool.collector;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Answers go out at once while the channel takes them, wait in order when it does not, and only up to a bound. */
class OutputQueueTest {

    private final Pipe pipe;
    private final OutputQueue queue;

    OutputQueueTest() throws IOException {
        pipe = Pipe.open();
        pipe.sink().configureBlocking(false);
        pipe.source().configureBlocking(false);
        queue = new OutputQueue(pipe.sink());
    }

    @AfterEach
    void close() throws IOException {
        pipe.sink().close();
        pipe.source().close();
    }

    private static byte[] line(int n) {
        return ("{\"ack\":" + n + "}\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends numbered lines until the pipe takes no more and some wait in the queue; returns how many. */
    private int fillThePipe() throws IOException {
        int n = 0;
        while (!queue.hasPending()) {
            assertThat(queue.send(line(++n))).isTrue();
        }
        return n;
    }

    private String drain() throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (pipe.source().read(buffer.clear()) > 0) {
            got.write(buffer.array(), 0, buffer.position());
        }
        return got.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void writesAtOnceWhileTheChannelTakesBytesAndHoldsNothing() throws IOException {
        assertThat(queue.send(line(1))).isTrue();
        assertThat(queue.hasPending()).isFalse();
        assertThat(queue.pendingBytes()).isZero();
        assertThat(drain()).isEqualTo("{\"ack\":1}\n");
    }

    @Test
    void keepsTheOrderOfLinesThatHadToWait() throws IOException {
        int sent = fillThePipe();
        for (int i = 1; i <= 100; i++) {
            assertThat(queue.send(line(sent + i))).isTrue();
        }
        StringBuilder received = new StringBuilder();
        boolean empty = false;
        while (!empty) {
            received.append(drain());
            empty = queue.writePending();
        }
        received.append(drain());
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= sent + 100; i++) {
            expected.append("{\"ack\":").append(i).append("}\n");
        }
        assertThat(received.toString()).isEqualTo(expected.toString());
        assertThat(queue.hasPending()).isFalse();
    }

    @Test
    void refusesALineThatWouldPassTheBoundAndKeepsWhatItHas() throws IOException {
        fillThePipe();
        byte[] big = new byte[64 * 1024];
        int accepted = 0;
        while (queue.send(big)) {
            accepted++;
        }
        assertThat(accepted).isLessThanOrEqualTo(OutputQueue.MAX_PENDING_BYTES / big.length);
        assertThat(queue.pendingBytes()).isLessThanOrEqualTo(OutputQueue.MAX_PENDING_BYTES)
                .isGreaterThan(OutputQueue.MAX_PENDING_BYTES - big.length);
    }

    @Test
    void reportsAChannelThatFailed() throws IOException {
        pipe.source().close();
        assertThatThrownBy(() -> queue.send(line(1))).isInstanceOf(IOException.class);
    }
}
