package dev.spool.collector.json;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.format.JsonFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.spi.RemoteThrowable;
import dev.spool.spi.support.JsonReader;
import dev.spool.testkit.RandomEvents;
import dev.spool.testkit.StrictJson;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonEventReaderTest {

    private final JsonEventReader reader = new JsonEventReader();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private LogEvent read(String line) {
        byte[] bytes = utf8(line);
        return reader.read(bytes, 0, bytes.length);
    }

    private static String format(LogEvent event) {
        ByteBuilder out = new ByteBuilder(256);
        JsonFormat.of().format(event, out);
        return out.toString();
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(longs = {3, 20_251_122, -11})
        void everyLineJsonFormatWritesReadsBackToTheSameContent(long seed) {
            RandomEvents events = new RandomEvents(seed, true);
            for (int i = 0; i < 1500; i++) {
                String line = format(events.next());
                byte[] bytes = utf8(line);
                String again = format(reader.read(bytes, 0, bytes.length - 1));
                // Same objects (context keys with replaced lone surrogates may sort differently), and
                // byte-identical from the second pass on.
                assertThat(StrictJson.parse(again)).isEqualTo(StrictJson.parse(line));
                assertThat(format(read(again.trim()))).isEqualTo(again);
            }
        }

        @Test
        void fieldValuesKeepTheTypeTheyWereLoggedWith() {
            String line = format(TestEvent.event().field("user_id", 42).field("ratio", 0.75).field("admin", true)
                    .field("code", "042"));
            assertThat(line).contains("\"fields\":{\"user_id\":42,\"ratio\":0.75,\"admin\":true,\"code\":\"042\"}");
            LogEvent e = read(line.trim());
            assertThat(e.fieldCount()).isEqualTo(4);
            assertThat(new Object[] {e.fieldValue(0), e.fieldValue(1), e.fieldValue(2), e.fieldValue(3)})
                    .containsExactly(42L, 0.75, true, "042");
        }

        @Test
        void keepsIdTimeAndExceptionClassOfTheSender() {
            IllegalStateException cause = new IllegalStateException("inner");
            TestEvent event = TestEvent.event().id(EventId.high(1_700_000_000_000L), 42)
                    .throwable(new java.io.IOException("disk full", cause));
            LogEvent read = read(format(event).trim());

            assertThat(read.idHigh()).isEqualTo(event.idHigh());
            assertThat(read.idLow()).isEqualTo(42);
            assertThat(read.timestampMicros()).isEqualTo(event.timestampMicros());
            assertThat(read.throwable()).isInstanceOf(RemoteThrowable.class);
            assertThat(RemoteThrowable.classNameOf(read.throwable())).isEqualTo("java.io.IOException");
            assertThat(RemoteThrowable.classNameOf(read.throwable().getCause())).isEqualTo("java.lang.IllegalStateException");
            assertThat(read.throwable().getStackTrace()).hasSameSizeAs(event.throwable().getStackTrace());
        }

        @Test
        void readsAMetric() {
            LogEvent read = read("{\"v\":1,\"level\":\"INFO\",\"message\":\"m\",\"kind\":\"metric\","
                    + "\"metric\":{\"name\":\"latency\",\"value\":45.5,\"unit\":\"ms\"}}");
            assertThat(read.kind()).isEqualTo(EventKind.METRIC);
            assertThat(read.metricName()).isEqualTo("latency");
            assertThat(read.metricValue()).isEqualTo(45.5);
            assertThat(read.metricUnit()).isEqualTo("ms");
        }

        @Test
        void readsALedgerBackAsJsonFormatWroteIt() {
            String line = "{\"v\":1,\"id\":\"01JDQ8Y0000000000000000000\",\"ts\":\"2026-12-05T10:00:00.000000Z\","
                    + "\"level\":\"INFO\",\"logger\":\"spool.ledger\",\"thread\":\"w\",\"thread_id\":1,"
                    + "\"message\":\"ledger db\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1000,\"pipeline\":\"main\",\"destination\":\"db\",\"at_us\":2000,\"sent\":10,"
                    + "\"failed\":2,\"dropped\":{\"queue_full\":3},\"last_counter\":\"0000000Z\",\"final\":true},"
                    + "\"service\":\"svc\",\"host\":\"h\",\"pid\":7}";
            LogEvent read = read(line);
            assertThat(read.kind()).isEqualTo(EventKind.LEDGER);
            assertThat(read.ledger()).isEqualTo(new dev.spool.spi.Ledger("ABCDEFGH", 1000, "main", "db", 2000, 10, 2,
                    java.util.Map.of("queue_full", 3L), "0000000Z", true));
            assertThat(format(read)).isEqualTo(line + "\n");
        }

        @Test
        void readsARelayLedgerBackAsJsonFormatWroteIt() {
            String line = "{\"v\":1,\"id\":\"01JDQ8Y0000000000000000000\",\"ts\":\"2026-12-05T10:00:00.000000Z\","
                    + "\"level\":\"INFO\",\"logger\":\"spool.ledger\",\"thread\":\"w\",\"thread_id\":1,"
                    + "\"message\":\"ledger collector\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1000,\"pipeline\":\"main\",\"destination\":\"*\",\"at_us\":2000,\"sent\":0,"
                    + "\"failed\":0,\"dropped\":{},\"last_counter\":\"\",\"final\":false,\"relay\":{\"role\":\"collector\","
                    + "\"upstream\":\"7QK2M9XD\",\"received\":12,\"written\":9,\"duplicates\":2,\"failed\":1,"
                    + "\"dead_lettered\":0,\"rejected\":3}},\"service\":\"svc\",\"host\":\"h\",\"pid\":7}";
            LogEvent read = read(line);
            assertThat(read.ledger().relay()).isEqualTo(new dev.spool.spi.Ledger.Relay("collector", "7QK2M9XD", 12, 9,
                    2, 1, 0, 3));
            assertThat(format(read)).isEqualTo(line + "\n");
        }
    }

    @Nested
    class MinimalEvents {

        @Test
        void aMinimalEventGetsAFreshIdTheTimeOfReadingAndUnknownResource() {
            long before = System.currentTimeMillis() * 1000;
            LogEvent read = read("{\"v\":1,\"level\":\"warning\",\"message\":\"hi\"}");
            assertThat(read.level()).isEqualTo(Level.WARN);
            assertThat(read.message().toString()).isEqualTo("hi");
            assertThat(read.timestampMicros()).isGreaterThanOrEqualTo(before);
            assertThat(read.idHigh()).isNotZero();
            assertThat(read.resource().service()).isEqualTo("unknown");
            assertThat(read.logger()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-11-21T23:55:01.123456Z", "1969-12-31T23:59:59.999999Z", "2024-02-29T00:00:00.000001Z",
            "2025-11-21T23:55:01Z", "2025-11-21T23:55:01.5Z", "+12025-01-01T00:00:00.000000Z"})
        void readsTimestampsToTheMicrosecond(String ts) {
            java.time.Instant expected = java.time.Instant.parse(ts);
            LogEvent read = read("{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"ts\":\"" + ts + "\"}");
            assertThat(read.timestampMicros())
                    .isEqualTo(expected.getEpochSecond() * 1_000_000 + expected.getNano() / 1000);
        }

        @Test
        void decodesTheIdTextForm() {
            long high = EventId.high(1_763_769_301_123L);
            long low = 0xFEDC_BA98_7654_3210L;
            long[] decoded = JsonEventReader.decodeId(EventId.toString(high, low).toLowerCase());
            assertThat(decoded).containsExactly(high, low);
        }
    }

    @Nested
    class Rejects {

        @ParameterizedTest
        @ValueSource(strings = {
            "",
            "[]",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\"",
            "{\"v\":2,\"level\":\"INFO\",\"message\":\"x\"}",
            "{\"level\":\"INFO\",\"message\":\"x\"}",
            "{\"v\":1,\"level\":\"LOUD\",\"message\":\"x\"}",
            "{\"v\":1,\"level\":\"INFO\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"extra\":1}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"message\":\"y\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"fields\":{\"a\":{\"b\":1}}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"context\":{\"a\":1}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"id\":\"not-an-id\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"ts\":\"yesterday\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"ts\":\"2025-02-30T00:00:00.000000Z\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"ts\":\"2025-01-01T24:00:00.000000Z\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"\\ud800\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\"} trailing",
            "{\"v\":1,\"level\":\"INFO\",\"message\":01}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"exception\":{\"class\":\"E\",\"oops\":1}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"ledger\":{}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\"}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"short\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":1,\"failed\":0}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":-1,\"failed\":0}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":1.5,\"failed\":0}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"\",\"at_us\":1,\"sent\":1,\"failed\":0}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":1,\"failed\":0,"
                    + "\"dropped\":{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1,\"i\":1,\"j\":1,\"k\":1,"
                    + "\"l\":1,\"m\":1,\"n\":1,\"o\":1,\"p\":1,\"q\":1}}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":0,\"failed\":0,"
                    + "\"relay\":{\"role\":\"collector\",\"upstream\":\"short\",\"received\":1,\"written\":1,"
                    + "\"duplicates\":0,\"failed\":0,\"dead_lettered\":0,\"rejected\":0}}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":0,\"failed\":0,"
                    + "\"relay\":{\"role\":\"collector\",\"upstream\":\"\",\"received\":-1,\"written\":1,"
                    + "\"duplicates\":0,\"failed\":0,\"dead_lettered\":0,\"rejected\":0}}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":0,\"failed\":0,"
                    + "\"relay\":{\"role\":\"\",\"upstream\":\"\",\"received\":1,\"written\":1,"
                    + "\"duplicates\":0,\"failed\":0,\"dead_lettered\":0,\"rejected\":0}}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":0,\"failed\":0,"
                    + "\"relay\":{\"role\":\"consumer\",\"received\":1,\"written\":1,\"lost\":5,"
                    + "\"duplicates\":0,\"failed\":0,\"dead_lettered\":0,\"rejected\":0}}}",
            "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\","
                    + "\"start_us\":1,\"pipeline\":\"p\",\"destination\":\"d\",\"at_us\":1,\"sent\":0,\"failed\":0,"
                    + "\"relay\":{\"role\":\"consumer\",\"received\":1}}}",
        })
        void anythingOutsideTheSchema(String line) {
            assertThatThrownBy(() -> read(line)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aLineOverTheLimitBeforeParsingIt() {
            byte[] line = utf8("{\"v\":1,\"level\":\"INFO\",\"message\":\"" + "x".repeat(2000) + "\"}");
            assertThatThrownBy(() -> new JsonEventReader(1024).read(line, 0, line.length))
                    .hasMessageContaining("over the limit of 1024");
        }

        @Test
        void invalidUtf8() {
            byte[] bytes = utf8("{\"v\":1,\"level\":\"INFO\",\"message\":\"ab\"}");
            bytes[bytes.length - 3] = (byte) 0xC0;
            assertThatThrownBy(() -> reader.read(bytes, 0, bytes.length)).hasMessageContaining("UTF-8");
        }

        @Test
        void nestingDeeperThanTheLimit() {
            String deep = "[".repeat(JsonReader.MAX_DEPTH + 2) + "]".repeat(JsonReader.MAX_DEPTH + 2);
            assertThatThrownBy(() -> read("{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"fields\":{\"a\":" + deep + "}}"))
                    .hasMessageContaining("nested deeper");
        }

        @Test
        void moreExceptionsThanFormatsWrite() {
            String chain = "{\"class\":\"E\"}";
            for (int i = 0; i < 100; i++) {
                chain = "{\"class\":\"E\",\"cause\":" + chain + "}";
            }
            String line = "{\"v\":1,\"level\":\"INFO\",\"message\":\"x\",\"exception\":" + chain + "}";
            assertThatThrownBy(() -> read(line)).hasMessageContaining("more than 100 exceptions");
        }
    }
}
