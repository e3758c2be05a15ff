package dev.spool.sink;

import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static dev.spool.sink.LineFormat.LINES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleSinkTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void writesTheBatchOnFlushInOneCall() throws IOException {
        CountingStream counting = new CountingStream(out);
        ConsoleSink sink = ConsoleSink.to(counting, LINES);
        sink.write(TestEvent.event().message("one"));
        sink.write(TestEvent.event().message("two"));
        assertThat(out.size()).isZero();
        sink.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
        assertThat(counting.writes).isEqualTo(1);
    }

    @Test
    void writesOutEarlyWhenTheBufferFills() throws IOException {
        ConsoleSink sink = ConsoleSink.to(out, LINES, 8);
        sink.write(TestEvent.event().message("1234"));
        assertThat(out.size()).isZero();
        sink.write(TestEvent.event().message("5678"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1234\n5678\n");
    }

    @Test
    void closeFlushesButLeavesTheStreamOpen() throws IOException {
        CountingStream counting = new CountingStream(out);
        ConsoleSink sink = ConsoleSink.to(counting, LINES);
        sink.write(TestEvent.event().message("last"));
        sink.close();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("last\n");
        assertThat(counting.closed).isFalse();
    }

    @Test
    void throwsFromFlushAndDiscardsWhatFailed() throws IOException {
        FailingStream failing = new FailingStream(out);
        ConsoleSink sink = ConsoleSink.to(failing, LINES);
        sink.write(TestEvent.event().message("lost"));
        failing.failing = true;
        assertThatThrownBy(sink::flush).isInstanceOf(IOException.class).hasMessage("broken pipe");
        failing.failing = false;
        sink.write(TestEvent.event().message("next"));
        sink.flush();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("next\n");
    }

    @Test
    void reportsAFailedEarlyWriteOutFromTheNextFlush() throws IOException {
        FailingStream failing = new FailingStream(out);
        ConsoleSink sink = ConsoleSink.to(failing, LINES, 4);
        failing.failing = true;
        sink.write(TestEvent.event().message("lost"));
        failing.failing = false;
        assertThatThrownBy(sink::flush).isInstanceOf(IOException.class).hasMessage("broken pipe");
        sink.flush();
        assertThat(out.size()).isZero();
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream target;
        int writes;
        boolean closed;

        CountingStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            writes++;
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writes++;
            target.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FailingStream extends OutputStream {
        private final OutputStream target;
        boolean failing;

        FailingStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failing) {
                throw new IOException("broken pipe");
            }
            target.write(b, off, len);
        }
    }
}
