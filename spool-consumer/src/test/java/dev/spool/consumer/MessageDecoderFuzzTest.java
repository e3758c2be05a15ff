package dev.spool.consumer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spool.testkit.Allocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's message decoder on any message (docs/fuzzing.md): gzip or not, any headers, Spool's JSON
 * Lines or Loghive's structure. It returns at least one event, within its limits, or throws
 * {@link InvalidMessage} with a reason and a detail; no other exception escapes; a gzip body inflates to
 * its text exactly when the text is within the limit, and allocation is bounded by the limits, never by
 * what a header or a gzip trailer claims.
 */
class MessageDecoderFuzzTest {

    private static final int MAX_MESSAGE_BYTES = 16 * 1024;
    private static final int MAX_DECODED_BYTES = 64 * 1024;
    private static final int MAX_EVENT_BYTES = 4 * 1024;
    /** Reading the events allocates a small multiple of the decoded text, which the limit bounds. */
    private static final long ALLOCATION_BUDGET = 512 * 1024 + 64L * MAX_DECODED_BYTES;
    private static final String[] ENCODINGS = {null, "", "identity", "gzip", "GZIP", "deflate", "br"};

    @FuzzTest
    void decodesEventsOrRefusesTheMessageWithAReason(FuzzedDataProvider data) {
        ConsumerSettings.Accept accept = data.pickValue(ConsumerSettings.Accept.values());
        int shape = data.consumeInt(0, 2);
        Map<String, Object> headers = data.consumeBoolean() ? null : headers(data);
        byte[] plain = data.consumeRemainingAsBytes();
        String encoding;
        byte[] body;
        if (shape == 0) { // the fuzzer's bytes as the body, with any encoding
            encoding = ENCODINGS[Math.floorMod(plain.length, ENCODINGS.length)];
            body = plain;
        } else if (shape == 1) { // the fuzzer's bytes as the text of a valid gzip body: reaches the lines
            encoding = "gzip";
            body = gzip(plain);
        } else { // a gzip body the fuzzer may break or make a bomb of: trailer, lengths, stored blocks
            encoding = "gzip";
            body = plain.length > 0 && plain[0] == 0x1f ? plain : gzip(repeat(plain));
        }
        MessageDecoder decoder = new MessageDecoder(MAX_MESSAGE_BYTES, MAX_DECODED_BYTES, MAX_EVENT_BYTES, accept,
                ZoneId.of("UTC"));
        MessageDecoder.Decoded decoded = null;
        try {
            decoded = decoder.decode(encoding, headers, body);
        } catch (InvalidMessage e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).as("the detail of a refused message").isNotBlank();
            if (shape == 1 && body.length <= MAX_MESSAGE_BYTES) {
                assertThat(e.reason()).as("a valid gzip body: %s", e.getMessage())
                        .isNotEqualTo(DeadReason.BAD_GZIP).isNotEqualTo(DeadReason.BAD_ENCODING);
                assertThat(e.reason() == DeadReason.TOO_LARGE && e.getMessage().contains("inflates past"))
                        .as("refused as too large once inflated: %s", e.getMessage())
                        .isEqualTo(plain.length > MAX_DECODED_BYTES);
            }
        }
        if (decoded != null) {
            check(decoded, body);
            if (shape == 1) {
                assertThat(decoded.text()).as("the inflated text").isEqualTo(plain);
            }
        }
        if (Allocation.enable()) {
            Map<String, Object> h = headers;
            String enc = encoding;
            long allocated = Allocation.last(Allocation.rounds(ALLOCATION_BUDGET, () -> decodeQuietly(decoder, enc, h, body)));
            assertThat(allocated).as("bytes allocated decoding a body of %d bytes", body.length).isLessThan(ALLOCATION_BUDGET);
        }
    }

    private static void check(MessageDecoder.Decoded decoded, byte[] body) {
        assertThat(body.length).isLessThanOrEqualTo(MAX_MESSAGE_BYTES);
        assertThat(decoded.text().length).isLessThanOrEqualTo(MAX_DECODED_BYTES);
        assertThat(decoded.events()).isNotEmpty().doesNotContainNull();
        assertThat(decoded.lineStarts().length).isGreaterThanOrEqualTo(decoded.events().size());
        for (int i = 0; i < decoded.events().size(); i++) {
            byte[] line = decoded.line(i);
            assertThat(line.length).as("line %d", i).isBetween(1, MAX_EVENT_BYTES);
            assertThat(decoded.events().get(i).message()).isNotNull();
            assertThat(decoded.events().get(i).level()).isNotNull();
        }
    }

    private static void decodeQuietly(MessageDecoder decoder, String encoding, Map<String, Object> headers, byte[] body) {
        try {
            decoder.decode(encoding, headers, body);
        } catch (InvalidMessage expected) {
            // measured, not judged: the first decode judged it
        }
    }

    /** Headers as AMQP delivers them: ints, longs or strings, sometimes wrong. */
    private static Map<String, Object> headers(FuzzedDataProvider data) {
        Map<String, Object> headers = new HashMap<>();
        for (String name : new String[] {MessageDecoder.SCHEMA_HEADER, MessageDecoder.EVENTS_HEADER}) {
            switch (data.consumeInt(0, 3)) {
                case 1 -> headers.put(name, data.consumeInt());
                case 2 -> headers.put(name, data.consumeLong());
                case 3 -> headers.put(name, data.consumeString(24));
                default -> { } // absent
            }
        }
        return headers;
    }

    /** Highly compressible text: the fuzzer's bytes over and over, up to twice the decoded limit. */
    private static byte[] repeat(byte[] seed) {
        if (seed.length == 0) {
            return seed;
        }
        int times = (2 * MAX_DECODED_BYTES) / seed.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < Math.max(1, times); i++) {
            out.write(seed, 0, seed.length);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
