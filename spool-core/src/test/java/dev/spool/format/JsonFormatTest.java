package dev.spool.format;

import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.StrictJson;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.spool.format.Exceptions.frame;
import static org.assertj.core.api.Assertions.assertThat;

class JsonFormatTest {

    static String format(LogEvent event) {
        ByteBuilder out = new ByteBuilder(64);
        JsonFormat.of().format(event, out);
        return out.toString();
    }

    static Map<?, ?> parse(LogEvent event) {
        ByteBuilder out = new ByteBuilder(64);
        JsonFormat.of().format(event, out);
        byte[] line = Arrays.copyOf(out.array(), out.length());
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        return (Map<?, ?>) StrictJson.parse(Arrays.copyOf(line, line.length - 1));
    }

    static TestEvent event() {
        return TestEvent.event().id(1L, 0L);
    }

    @Nested
    class Golden {

        @Test
        void writesTheMinimalEventWithFieldsInSchemaOrder() {
            assertThat(format(event())).isEqualTo("{\"v\":1,\"id\":\"0000000000000G000000000000\","
                    + "\"ts\":\"2025-11-21T23:55:01.123456Z\",\"level\":\"INFO\",\"logger\":\"app.db\","
                    + "\"thread\":\"main\",\"thread_id\":1,\"message\":\"hello\",\"service\":\"test-service\","
                    + "\"host\":\"test-host\",\"pid\":4242}\n");
        }

        @Test
        void writesFieldsContextAndExceptionBetweenMessageAndResource() {
            TestEvent event = event().level(Level.ERROR).thread("w-2", 2).logger("app.store")
                    .message("save failed").field("user_id", 42L).field("name", "ann")
                    .context("correlation_id", "c-1").context("a", "b").throwable(Exceptions.diskFull())
                    .resource(new Resource("billing", "db-3", 99));

            assertThat(format(event)).isEqualTo("{\"v\":1,\"id\":\"0000000000000G000000000000\","
                    + "\"ts\":\"2025-11-21T23:55:01.123456Z\",\"level\":\"ERROR\",\"logger\":\"app.store\","
                    + "\"thread\":\"w-2\",\"thread_id\":2,\"message\":\"save failed\","
                    + "\"fields\":{\"user_id\":42,\"name\":\"ann\"},"
                    + "\"context\":{\"a\":\"b\",\"correlation_id\":\"c-1\"},"
                    + "\"exception\":{\"class\":\"java.io.IOException\",\"message\":\"disk full\","
                    + "\"stack\":[\"app.Store.save(Store.java:42)\",\"app.Main.run(Main.java:10)\",\"app.Main.main(Main.java:5)\"],"
                    + "\"cause\":{\"class\":\"java.lang.IllegalStateException\",\"message\":\"no space\\nleft\","
                    + "\"stack\":[\"app.Disk.write(Disk.java:7)\",\"app.Main.run(Main.java:10)\",\"app.Main.main(Main.java:5)\"]},"
                    + "\"suppressed\":[{\"class\":\"java.lang.RuntimeException\",\"message\":\"close failed\","
                    + "\"stack\":[\"app.Store.close(Store.java:50)\",\"app.Main.run(Main.java:10)\",\"app.Main.main(Main.java:5)\"]}]},"
                    + "\"service\":\"billing\",\"host\":\"db-3\",\"pid\":99}\n");
        }

        @Test
        void writesTimestampsInUtcWithSixFractionDigits() {
            assertThat(parse(event().timestampMicros(0)).get("ts")).isEqualTo("1970-01-01T00:00:00.000000Z");
            assertThat(parse(event().timestampMicros(-1)).get("ts")).isEqualTo("1969-12-31T23:59:59.999999Z");
            assertThat(parse(event().timestampMicros(1_000_007)).get("ts")).isEqualTo("1970-01-01T00:00:01.000007Z");
        }
    }

    @Nested
    class RepeatedMembers {

        /**
         * One format instance sees many loggers, threads and resources in turn, more than its caches have
         * slots, with equal names in different objects, one name under two thread ids, a renamed key and a
         * static member: every line is the one a new instance writes for that event alone.
         */
        @Test
        void aReusedFormatWritesWhatAFreshOneWrites() {
            JsonKeys rules = JsonKeys.from(new dev.spool.spi.Options("destination.app.",
                    Map.of("json.rename.thread", "th", "json.static.team", "pay")), "json", JsonFormat.KEYS, true);
            JsonFormat reused = new JsonFormat(rules);
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            List<Resource> resources = List.of(TestEvent.RESOURCE, new Resource("billing", "db-3", 99),
                    new Resource("billing", "db-3", 99), new Resource("bïlling\"", "h\n", -1));
            ByteBuilder out = new ByteBuilder(64);
            for (int i = 0; i < 20_000; i++) {
                int logger = random.nextInt(300);
                int thread = random.nextInt(100);
                TestEvent e = event().logger(random.nextBoolean() ? "app.l" + logger : new String("app.l" + logger))
                        .thread(thread == 0 ? null : "t-" + (thread % 50), thread / 50 == 0 ? thread : -thread)
                        .resource(resources.get(random.nextInt(resources.size())))
                        .level(Level.values()[random.nextInt(Level.values().length)]).message("m" + i);
                out.clear();
                reused.format(e, out);
                ByteBuilder fresh = new ByteBuilder(64);
                new JsonFormat(rules).format(e, fresh);
                assertThat(out.toString()).isEqualTo(fresh.toString());
            }
        }

        @Test
        void aLoggerNameIsNeverTakenFromAnotherLogger() {
            JsonFormat format = JsonFormat.of();
            ByteBuilder out = new ByteBuilder(64);
            for (int i = 0; i < 1_000; i++) {
                String name = "app." + i;
                out.clear();
                format.format(event().logger(name).thread("t", i), out);
                Map<?, ?> parsed = (Map<?, ?>) StrictJson.parse(Arrays.copyOf(out.array(), out.length() - 1));
                assertThat(parsed.get("logger")).isEqualTo(name);
                assertThat(parsed.get("thread_id")).isEqualTo((long) i);
            }
        }
    }

    @Nested
    class Values {

        @Test
        void writesIntegersBooleansAndNullAsJsonValues() {
            TestEvent event = event().field("l", Long.MIN_VALUE).field("i", -7).field("s", (short) 3)
                    .field("b", (byte) -1).field("t", true).field("f", false).field("n", null);

            assertThat(format(event)).contains("\"fields\":{\"l\":-9223372036854775808,\"i\":-7,\"s\":3,\"b\":-1,"
                    + "\"t\":true,\"f\":false,\"n\":null}");
        }

        @Test
        void writesFiniteFloatingPointAsNumbersAndTheRestAsStrings() {
            TestEvent event = event().field("d", 1.5).field("e", 1e10).field("z", -0.0).field("f", 0.1f)
                    .field("nan", Double.NaN).field("inf", Double.POSITIVE_INFINITY)
                    .field("ninf", Float.NEGATIVE_INFINITY);

            assertThat(format(event)).contains("\"fields\":{\"d\":1.5,\"e\":1.0E10,\"z\":-0.0,\"f\":0.1,"
                    + "\"nan\":\"NaN\",\"inf\":\"Infinity\",\"ninf\":\"-Infinity\"}");
            assertThat(parse(event).get("fields")).isInstanceOf(Map.class);
        }

        @Test
        void writesOtherObjectsByToString() {
            Object broken = new Object() {
                @Override
                public String toString() {
                    throw new IllegalStateException("no");
                }
            };
            TestEvent event = event().field("list", List.of(1, 2)).field("sb", new StringBuilder("x\"y"))
                    .field("broken", broken);

            assertThat(format(event)).contains("\"fields\":{\"list\":\"[1, 2]\",\"sb\":\"x\\\"y\","
                    + "\"broken\":\"<toString() threw java.lang.IllegalStateException>\"}");
        }

        @Test
        void readsTextValuesThatAreNotStringsByTheirCharacters() {
            CharSequence charsOnly = new CharSequence() { // never by toString()
                @Override public int length() { return 3; }
                @Override public char charAt(int index) { return "a\"b".charAt(index); }
                @Override public CharSequence subSequence(int start, int end) { return "a\"b".subSequence(start, end); }
                @Override public String toString() { throw new IllegalStateException("not called"); }
            };
            TestEvent event = event().field("chars", charsOnly).field("n", 5).field("s", "t");

            assertThat(format(event)).contains("\"fields\":{\"chars\":\"a\\\"b\",\"n\":5,\"s\":\"t\"}");
        }

        @Test
        void writesNullNamesAsNull() {
            TestEvent event = event().logger(null).thread(null, 3);

            Map<?, ?> json = parse(event);

            assertThat(json.containsKey("logger")).isTrue();
            assertThat(json.get("logger")).isNull();
            assertThat(json.get("thread")).isNull();
        }
    }

    @Nested
    class Escaping {

        @Test
        void escapesPerRfc8259AndTheJavaScriptLineSeparators() {
            String message = "\"\\/\n\r\t\b\f\u0000\u001f\u007f\u0085\u2028\u2029é😀";

            assertThat(format(event().message(message))).contains("\"message\":\"\\\"\\\\/\\n\\r\\t\\b\\f"
                    + "\\u0000\\u001F\u007f\\u0085\\u2028\\u2029é😀\"");
            assertThat(parse(event().message(message)).get("message")).isEqualTo(message);
        }

        @Test
        void writesLoneSurrogatesAsReplacementCharacterSoTheLineIsValidUtf8() {
            TestEvent event = event().message("a\uD800b\uDC00c\uD83D").field("k\uDC00", "\uD800");

            Map<?, ?> json = parse(event);

            assertThat(json.get("message")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
            assertThat(json.get("fields")).isEqualTo(Map.of("k\uFFFD", "\uFFFD"));
        }

        @Test
        void escapesKeysContextAndExceptionTextToo() {
            RuntimeException e = new RuntimeException("m\"1\n");
            e.setStackTrace(new StackTraceElement[] {frame("a\"B", "m\n", "F\".java", 1)});
            TestEvent event = event().field("k\"", "v").context("c\n", "\"").throwable(e);

            String line = format(event);

            assertThat(line).contains("\"fields\":{\"k\\\"\":\"v\"}", "\"context\":{\"c\\n\":\"\\\"\"}",
                    "\"message\":\"m\\\"1\\n\"", "\"stack\":[\"a\\\"B.m\\n(F\\\".java:1)\"]");
            assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        }

        @Test
        void writesLookupsVerbatim() {
            Map<?, ?> json = parse(event().message("${jndi:ldap://x/a}").field("q", "${jndi:ldap://x/a}"));

            assertThat(json.get("message")).isEqualTo("${jndi:ldap://x/a}");
            assertThat(json.get("fields")).isEqualTo(Map.of("q", "${jndi:ldap://x/a}"));
        }
    }

    @Nested
    class ExceptionObjects {

        @Test
        void omitsMessageCauseAndSuppressedWhenAbsent() {
            Map<?, ?> exception = (Map<?, ?>) parse(event().throwable(Exceptions.oddFrames()))
                    .get("exception");

            assertThat(exception).isEqualTo(Map.of("class", "java.lang.RuntimeException", "stack", List.of(
                    "jdk.Native.call(Native Method)", "app.Generated.run(Unknown Source)", "app.NoLines.go(NoLines.java)")));
        }

        @Test
        void marksACycleInsteadOfLooping() {
            IllegalStateException a = new IllegalStateException("a");
            IllegalArgumentException b = new IllegalArgumentException("b", a);
            a.initCause(b);
            a.setStackTrace(new StackTraceElement[0]);
            b.setStackTrace(new StackTraceElement[0]);

            String line = format(event().throwable(a));

            assertThat(line).contains("\"exception\":{\"class\":\"java.lang.IllegalStateException\",\"message\":\"a\","
                    + "\"stack\":[],\"cause\":{\"class\":\"java.lang.IllegalArgumentException\",\"message\":\"b\","
                    + "\"stack\":[],\"cause\":{\"class\":\"java.lang.IllegalStateException\",\"message\":\"a\","
                    + "\"circular\":true}}}");
        }

        @Test
        void keepsAtMostAHundredThrowables() {
            RuntimeException root = new RuntimeException("0");
            RuntimeException current = root;
            for (int i = 1; i < 150; i++) {
                RuntimeException next = new RuntimeException(Integer.toString(i));
                current.initCause(next);
                current = next;
            }

            Map<?, ?> exception = (Map<?, ?>) parse(event().throwable(root)).get("exception");

            int depth = 1;
            while (exception.get("cause") != null) {
                exception = (Map<?, ?>) exception.get("cause");
                depth++;
            }
            assertThat(depth).isEqualTo(ExceptionToken.MAX_THROWABLES);
        }
    }

    @Test
    void everyLineIsValidUtf8EndingWithOneNewline() {
        byte[] bytes = format(event().message("x\n\uD800")).getBytes(StandardCharsets.UTF_8);

        assertThat(bytes).endsWith((byte) '}', (byte) '\n');
        assertThat(new String(bytes, StandardCharsets.UTF_8).chars().filter(c -> c == '\n')).hasSize(1);
    }
}
