package dev.spool.collector;

import dev.spool.collector.OtlpHttpListener.Body;
import dev.spool.collector.OtlpHttpListener.BodyReader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OTLP listener's body reader with a handler thread's reused buffer. */
class OtlpBodyReaderTest {

    private static final int LIMIT = 1 << 20;

    @Nested
    class ReusedBuffer {

        @Test
        void aShorterBodyAfterALongerOneIsExactlyItsOwnBytes() throws IOException {
            byte[] buffer = new byte[64 * 1024];
            Body first = BodyReader.read("50000", stream(filled(50_000, (byte) 'a')), LIMIT, true, buffer);
            assertThat(first.bytes).isSameAs(buffer);
            Body second = BodyReader.read("3", stream(new byte[] {1, 2, 3}), LIMIT, true, first.bytes);
            assertThat(second.bytes).isSameAs(buffer);
            assertThat(second.length).isEqualTo(3);
            assertThat(Arrays.copyOf(second.bytes, second.length)).containsExactly(1, 2, 3);
        }

        @Test
        void aShorterChunkedBodyAfterALongerOneIsExactlyItsOwnBytes() throws IOException {
            byte[] buffer = new byte[64 * 1024];
            BodyReader.read(null, stream(filled(60_000, (byte) 'a')), LIMIT, true, buffer);
            Body second = BodyReader.read(null, stream(filled(10, (byte) 'b')), LIMIT, true, buffer);
            assertThat(second.length).isEqualTo(10);
            assertThat(Arrays.copyOf(second.bytes, second.length)).containsOnly((byte) 'b');
        }

        @Test
        void aLongerBodyGetsAnArrayOfItsDeclaredLength() throws IOException {
            byte[] buffer = new byte[16];
            Body b = BodyReader.read("100000", stream(filled(100_000, (byte) 7)), LIMIT, true, buffer);
            assertThat(b.bytes).isNotSameAs(buffer).hasSize(100_000);
            assertThat(b.length).isEqualTo(100_000);
        }

        @Test
        void aChunkedBodyGrowsPastTheBufferUpToTheLimitOnly() throws IOException {
            byte[] buffer = new byte[16];
            Body fits = BodyReader.read(null, stream(filled(LIMIT, (byte) 1)), LIMIT, true, buffer);
            assertThat(fits.refusal).isNull();
            assertThat(fits.length).isEqualTo(LIMIT);
            assertThat(fits.bytes.length).isLessThanOrEqualTo(LIMIT);
            Body over = BodyReader.read(null, stream(filled(LIMIT + 1, (byte) 1)), LIMIT, true, buffer);
            assertThat(over.status).isEqualTo(413);
        }

        @Test
        void aBufferLargerThanTheLimitIsNotUsedForAChunkedBody() throws IOException {
            byte[] large = new byte[4 * LIMIT];
            Body over = BodyReader.read(null, stream(filled(2 * LIMIT, (byte) 1)), LIMIT, true, large);
            assertThat(over.status).isEqualTo(413);
            assertThat(over.refusal).contains("over the limit of " + LIMIT);
        }

        @Test
        void aDeclaredLengthOverTheLimitIsRefusedWithoutTouchingTheBuffer() throws IOException {
            byte[] buffer = filled(1024, (byte) 9);
            Body b = BodyReader.read(String.valueOf(LIMIT + 1L), stream(new byte[0]), LIMIT, false, buffer);
            assertThat(b.status).isEqualTo(413);
            assertThat(b.bytes).isNull();
            assertThat(buffer).containsOnly((byte) 9);
        }

        @Test
        void aBodyShorterThanDeclaredIsAnErrorEvenIntoALargerBuffer() {
            byte[] buffer = new byte[64 * 1024];
            assertThatThrownBy(() -> BodyReader.read("100", stream(filled(40, (byte) 1)), LIMIT, true, buffer))
                    .isInstanceOf(EOFException.class).hasMessageContaining("after 40 of 100 bytes");
        }
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }
}
