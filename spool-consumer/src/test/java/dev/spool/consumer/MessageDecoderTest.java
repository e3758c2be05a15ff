package dev.spool.consumer;

import dev.spool.EventId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(64 * 1024, 256 * 1024, 4096);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private DeadReason reason(String encoding, Map<String, Object> headers, byte[] body) {
        try {
            decoder.decode(encoding, headers, body);
            throw new AssertionError("decoded");
        } catch (InvalidMessage e) {
            return e.reason();
        }
    }

    @Nested
    class Valid {

        @Test
        void readsEveryLineWithItsIdAndPosition() throws Exception {
            MessageDecoder.Decoded d = decoder.decode(null, Map.of("spool-schema", 1, "spool-events", 3), Lines.body(0, 0, 3));
            assertThat(d.events()).hasSize(3);
            assertThat(EventId.toString(d.events().get(2).idHigh(), d.events().get(2).idLow())).isEqualTo(Lines.id(0, 2));
            assertThat(new String(d.line(1), StandardCharsets.UTF_8)).isEqualTo(Lines.line(0, 1));
        }

        @Test
        void readsGzipAndToleratesBlankLinesAndAMissingFinalNewline() throws Exception {
            byte[] body = bytes(Lines.line(0, 0) + "\n\n" + Lines.line(0, 1));
            assertThat(decoder.decode("gzip", null, ConsumerContractIT.gzip(body)).events()).hasSize(2);
        }

        @Test
        void acceptsAMissingSchemaHeaderAndAStringOne() throws Exception {
            assertThat(decoder.decode(null, Map.of(), Lines.body(0, 0, 1)).events()).hasSize(1);
            assertThat(decoder.decode(null, Map.of("spool-schema", "1"), Lines.body(0, 0, 1)).events()).hasSize(1);
        }
    }

    @Nested
    class Invalid {

        @Test
        void notJsonLinesIsABadEventNamingTheLine() {
            assertThatThrownBy(() -> decoder.decode(null, null, bytes(Lines.line(0, 0) + "\nhello\n")))
                    .isInstanceOf(InvalidMessage.class).hasMessageStartingWith("line 2: ");
            assertThat(reason(null, null, bytes("{\"v\":2,\"level\":\"INFO\",\"message\":\"m\"}\n"))).isEqualTo(DeadReason.BAD_EVENT);
            assertThat(reason(null, null, bytes("\n\n"))).isEqualTo(DeadReason.BAD_EVENT);
        }

        @Test
        void invalidUtf8IsNamedAsSuch() {
            byte[] body = bytes("{\"v\":1,\"level\":\"INFO\",\"message\":\"ab\"}\n");
            body[body.length - 4] = (byte) 0xFF;
            assertThat(reason(null, null, body)).isEqualTo(DeadReason.BAD_UTF8);
        }

        @Test
        void aWrongSchemaHeaderIsRefused() {
            assertThat(reason(null, Map.of("spool-schema", 2), Lines.body(0, 0, 1))).isEqualTo(DeadReason.BAD_SCHEMA);
            assertThat(reason(null, Map.of("spool-schema", "one"), Lines.body(0, 0, 1))).isEqualTo(DeadReason.BAD_SCHEMA);
        }

        @Test
        void anEventCountThatDisagreesWithTheBodyIsRefused() {
            assertThatThrownBy(() -> decoder.decode(null, Map.of("spool-events", 5), Lines.body(0, 0, 3)))
                    .hasMessage("header spool-events is '5' but the body holds 3 events");
        }

        @Test
        void oversizedBodiesAndLinesAreRefusedBeforeParsing() {
            assertThat(reason(null, null, new byte[64 * 1024 + 1])).isEqualTo(DeadReason.TOO_LARGE);
            String longLine = "{\"v\":1,\"level\":\"INFO\",\"message\":\"" + "x".repeat(5000) + "\"}\n";
            assertThatThrownBy(() -> decoder.decode(null, null, bytes(longLine)))
                    .hasMessageContaining("line 1: event of ").hasMessageContaining("over the limit of 4096");
        }

        @Test
        void badGzipAndGzipBombsAndUnknownEncodingsAreRefused() throws Exception {
            assertThat(reason("gzip", null, bytes("not gzip"))).isEqualTo(DeadReason.BAD_GZIP);
            byte[] truncated = ConsumerContractIT.gzip(Lines.body(0, 0, 10));
            assertThat(reason("gzip", null, java.util.Arrays.copyOf(truncated, truncated.length - 12)))
                    .isEqualTo(DeadReason.BAD_GZIP);
            assertThatThrownBy(() -> decoder.decode("gzip", null, ConsumerContractIT.gzip(new byte[10 << 20])))
                    .hasMessageContaining("inflates past the limit of 262144 bytes");
            assertThat(reason("deflate", null, Lines.body(0, 0, 1))).isEqualTo(DeadReason.BAD_ENCODING);
        }

        @Test
        void aBodyInflatingToExactlyTheLimitIsAccepted() throws Exception {
            StringBuilder b = new StringBuilder();
            String line = "{\"v\":1,\"level\":\"INFO\",\"message\":\"";
            int seq = 0;
            while (b.length() < 256 * 1024 - 200) {
                b.append(Lines.line(0, seq++)).append('\n');
            }
            int pad = 256 * 1024 - b.length() - line.length() - 3;
            b.append(line).append("x".repeat(pad)).append("\"}\n");
            assertThat(b.length()).isEqualTo(256 * 1024);
            assertThat(decoder.decode("gzip", null, ConsumerContractIT.gzip(bytes(b.toString()))).events()).hasSize(seq + 1);
        }
    }
}
