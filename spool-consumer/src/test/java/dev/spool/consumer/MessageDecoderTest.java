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

    @Nested
    class Loghive {

        private static final String MESSAGE = "{\"service\":\"svc\",\"level\":\"WARNING\",\"message\":\"High memory usage\","
                + "\"information\":{\"user_id\":\"123\",\"usage_percent\":85,\"ratio\":0.75,\"admin\":true,"
                + "\"code\":\"042\",\"tags\":[\"a\",1],\"none\":null},\"timestamp\":\"2024-12-27 10:30:45\"}";

        private dev.spool.spi.LogEvent one(MessageDecoder d, String body) throws InvalidMessage {
            MessageDecoder.Decoded decoded = d.decode(null, Map.of(), bytes(body));
            assertThat(decoded.events()).hasSize(1);
            return decoded.events().get(0);
        }

        @Test
        void readsLoghivesStructureWithTypedFieldsAndPythonsLevelNames() throws Exception {
            dev.spool.spi.LogEvent e = one(decoder, MESSAGE);
            assertThat(e.level()).isEqualTo(dev.spool.Level.WARN);
            assertThat(e.logger()).isEqualTo("svc");
            assertThat(e.resource().service()).isEqualTo("svc");
            assertThat(e.message().toString()).isEqualTo("High memory usage");
            assertThat(e.timestampMicros()).isEqualTo(java.time.Instant.parse("2024-12-27T10:30:45Z").toEpochMilli() * 1000);
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            for (int i = 0; i < e.fieldCount(); i++) {
                fields.put(e.fieldKey(i), e.fieldValue(i));
            }
            assertThat(fields).containsExactly(Map.entry("user_id", "123"), Map.entry("usage_percent", 85L),
                    Map.entry("ratio", 0.75), Map.entry("admin", true), Map.entry("code", "042"),
                    Map.entry("tags", "[\"a\",1]"));
            assertThat(EventId.epochMillis(e.idHigh())).isEqualTo(e.timestampMicros() / 1000);
            assertThat(one(decoder, MESSAGE.replace("WARNING", "CRITICAL")).level()).isEqualTo(dev.spool.Level.FATAL);
        }

        @Test
        void theSameBytesGetTheSameIdAndOtherBytesAnother() throws Exception {
            dev.spool.spi.LogEvent a = one(decoder, MESSAGE);
            dev.spool.spi.LogEvent again = one(new MessageDecoder(64 * 1024, 256 * 1024, 4096), MESSAGE);
            dev.spool.spi.LogEvent other = one(decoder, MESSAGE.replace("High", "Higher"));
            assertThat(EventId.toString(again.idHigh(), again.idLow())).isEqualTo(EventId.toString(a.idHigh(), a.idLow()));
            assertThat(EventId.toString(other.idHigh(), other.idLow())).isNotEqualTo(EventId.toString(a.idHigh(), a.idLow()));
        }

        @Test
        void aTimestampWithoutZoneIsReadInTheConfiguredZoneAndOneWithAnOffsetAsItSays() throws Exception {
            MessageDecoder berlin = new MessageDecoder(64 * 1024, 256 * 1024, 4096, ConsumerSettings.Accept.AUTO,
                    java.time.ZoneId.of("Europe/Berlin"));
            assertThat(one(berlin, MESSAGE).timestampMicros())
                    .isEqualTo(java.time.Instant.parse("2024-12-27T09:30:45Z").toEpochMilli() * 1000);
            assertThat(one(berlin, MESSAGE.replace("2024-12-27 10:30:45", "2024-12-27T10:30:45.250+02:00")).timestampMicros())
                    .isEqualTo(java.time.Instant.parse("2024-12-27T08:30:45.250Z").toEpochMilli() * 1000);
        }

        @Test
        void wrongTypesAreDeadLetteredNamingTheKey() {
            assertThatThrownBy(() -> decoder.decode(null, Map.of(), bytes(MESSAGE.replaceFirst("\\{\"user_id.*?\\}", "\"x\""))))
                    .isInstanceOf(InvalidMessage.class).hasMessageContaining("key 'information' is a string")
                    .extracting(e -> ((InvalidMessage) e).reason()).isEqualTo(DeadReason.BAD_EVENT);
            assertThatThrownBy(() -> decoder.decode(null, Map.of(), bytes(MESSAGE.replace("2024-12-27 10:30:45", "yesterday"))))
                    .isInstanceOf(InvalidMessage.class).hasMessageContaining("key 'timestamp' is 'yesterday'")
                    .hasMessageContaining("YYYY-MM-DD HH:MM:SS");
            assertThatThrownBy(() -> decoder.decode(null, Map.of(), bytes(MESSAGE.replace("WARNING", "LOUD"))))
                    .isInstanceOf(InvalidMessage.class).hasMessageContaining("key 'level'").hasMessageContaining("LOUD");
            assertThatThrownBy(() -> decoder.decode(null, Map.of(), bytes(MESSAGE.replace("\"timestamp\"", "\"time\""))))
                    .isInstanceOf(InvalidMessage.class).hasMessageContaining("missing key 'timestamp'");
        }

        @Test
        void spoolOnlyRefusesLoghivesStructureAndLoghiveOnlyRefusesSpoolLines() throws Exception {
            MessageDecoder spoolOnly = new MessageDecoder(64 * 1024, 256 * 1024, 4096, ConsumerSettings.Accept.SPOOL,
                    java.time.ZoneId.of("UTC"));
            assertThat(reasonOf(spoolOnly, MESSAGE)).isEqualTo(DeadReason.BAD_EVENT);
            MessageDecoder loghiveOnly = new MessageDecoder(64 * 1024, 256 * 1024, 4096, ConsumerSettings.Accept.LOGHIVE,
                    java.time.ZoneId.of("UTC"));
            assertThat(reasonOf(loghiveOnly, Lines.line(0, 0) + "\n")).isEqualTo(DeadReason.BAD_EVENT);
            // auto: Spool's own lines still read as before
            assertThat(decoder.decode(null, Map.of(), Lines.body(0, 0, 2)).events()).hasSize(2);
        }

        private DeadReason reasonOf(MessageDecoder d, String body) {
            try {
                d.decode(null, Map.of(), bytes(body));
                throw new AssertionError("decoded");
            } catch (InvalidMessage e) {
                return e.reason();
            }
        }
    }

    @Nested
    class Newlines {

        @Test
        void splitsLinesOfEveryLengthAroundTheEightByteSteps() throws Exception {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                body.append(Lines.line(0, i)).append("\n".repeat(1 + i % 3));
                body.append(" ".repeat(i)); // leading spaces of the next line shift every later line by one more
            }
            assertThat(decoder.decode(null, null, bytes(body.toString().strip())).events()).hasSize(17);
        }
    }
}
