package dev.spool.format;

import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.TestEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static dev.spool.format.Exceptions.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFormatTest {

    static String format(String pattern, LogEvent event) {
        return format(pattern, ZoneOffset.UTC, event);
    }

    static String format(String pattern, ZoneId zone, LogEvent event) {
        ByteBuilder out = new ByteBuilder(64);
        TextFormat.of(pattern, zone).format(event, out);
        return out.toString();
    }

    static TestEvent event() {
        return TestEvent.event();
    }

    @Nested
    class DefaultPattern {

        @Test
        void printsLog4jStyleIsoTimeLevelThreadLoggerAndMessage() {
            assertThat(format(TextFormat.DEFAULT, event()))
                    .isEqualTo("2025-11-21T23:55:01,123 INFO  [main] app.db - hello\n");
        }

        @Test
        void printsTheTimeInTheGivenZone() {
            assertThat(format(TextFormat.DEFAULT, ZoneId.of("Europe/Paris"), event().level(Level.ERROR)))
                    .isEqualTo("2025-11-22T00:55:01,123 ERROR [main] app.db - hello\n");
        }

        @Test
        void isTheDocumentedPattern() {
            assertThat(TextFormat.DEFAULT).isEqualTo("%d{ISO8601} %-5p [%t] %c - %m%n");
            assertThat(TextFormat.of(TextFormat.DEFAULT, ZoneOffset.UTC)).hasToString(TextFormat.DEFAULT);
        }
    }

    @Nested
    class ConsoleDefault {

        private String console(LogEvent event, boolean color) {
            ByteBuilder out = new ByteBuilder(64);
            TextFormat.of(TextFormat.CONSOLE_DEFAULT, ZoneOffset.UTC, color).format(event, out);
            return out.toString();
        }

        @Test
        void showsFieldsThenContextAfterTheMessage() {
            TestEvent event = event().message("user logged in").field("user_id", 42L).context("request_id", "abc");

            assertThat(console(event, false))
                    .isEqualTo("2025-11-21T23:55:01,123 INFO  [main] app.db - user logged in user_id=42 request_id=abc\n");
        }

        @Test
        void addsNothingWhenThereAreNoFieldsOrContext() {
            assertThat(console(event(), false)).isEqualTo(format(TextFormat.DEFAULT, event()));
        }

        @Test
        void coloursTheLevelOnlyWhenAskedTo() {
            assertThat(console(event().level(Level.WARN), true))
                    .isEqualTo("2025-11-21T23:55:01,123 \u001B[33mWARN \u001B[0m [main] app.db - hello\n");
            assertThat(console(event().level(Level.ERROR), true)).contains("\u001B[31mERROR\u001B[0m");
            assertThat(console(event().level(Level.WARN), false)).doesNotContain("\u001B");
        }
    }

    @Nested
    class Highlight {

        @Test
        void takesNestedBracesAndAnyTokens() {
            ByteBuilder out = new ByteBuilder(64);
            TextFormat.of("%highlight{%d{HH:mm} %p}|%m", ZoneOffset.UTC, true).format(event().level(Level.INFO), out);

            assertThat(out.toString()).isEqualTo("\u001B[32m23:55 INFO\u001B[0m|hello");
        }

        @Test
        void writesOnlyItsTextWithoutColour() {
            assertThat(format("[%highlight{%p}]", event())).isEqualTo("[INFO]");
        }

        @Test
        void rejectsLineBreaksExceptionsAndBadTokensInsideNamingThem() {
            assertThatThrownBy(() -> TextFormat.of("%highlight{%m%n}", ZoneOffset.UTC))
                    .hasMessageStartingWith("%n cannot be inside %highlight{...} at index 0");
            assertThatThrownBy(() -> TextFormat.of("%highlight{%ex}", ZoneOffset.UTC))
                    .hasMessageContaining("%ex cannot be inside %highlight{...}");
            assertThatThrownBy(() -> TextFormat.of("%m %highlight{%lvl}", ZoneOffset.UTC))
                    .hasMessageStartingWith("unknown token '%lvl' at index 0 inside %highlight{%lvl} at index 3");
            assertThatThrownBy(() -> TextFormat.of("%highlight", ZoneOffset.UTC))
                    .hasMessageContaining("%highlight needs the tokens to colour");
            assertThatThrownBy(() -> TextFormat.of("%highlight{%p", ZoneOffset.UTC))
                    .hasMessageContaining("'{' without a closing '}'");
        }
    }

    @Nested
    class Tokens {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "%p|INFO", "%level|INFO", "%t|worker-7", "%thread|worker-7", "%tid|77", "%c|app.db.Pool",
            "%logger|app.db.Pool", "%c{1}|Pool", "%c{2}|db.Pool", "%c{9}|app.db.Pool", "%m|hello",
            "%msg|hello", "%message|hello", "%service|test-service", "%host|test-host", "%pid|4242",
            "%X{user}|ann", "%X{absent}|''", "%X|'{trace=t1, user=ann}'", "%ctx|' trace=t1 user=ann'", "%%|%", "a%%b|a%b",
            "[%p] %m!|[INFO] hello!", "é→%m|é→hello"})
        void rendersEachToken(String pattern, String expected) {
            TestEvent event = event().thread("worker-7", 77).logger("app.db.Pool")
                    .context("user", "ann").context("trace", "t1");

            assertThat(format(pattern, event)).isEqualTo(expected);
        }

        @Test
        void newlineIsLineFeed() {
            assertThat(format("%m%n%m%n", event())).isEqualTo("hello\nhello\n");
        }

        @Test
        void contextIsEmptyBracesWhenThereIsNone() {
            assertThat(format("%X", event())).isEqualTo("{}");
        }

        @Test
        void fieldsEachStartWithASpaceAndVanishWhenNone() {
            TestEvent event = event().field("user_id", 42L).field("name", "ann").field("ok", true)
                    .field("small", (short) -3).field("tiny", (byte) 9).field("count", 7);

            assertThat(format("%m%kv%n", event)).isEqualTo("hello user_id=42 name=ann ok=true small=-3 tiny=9 count=7\n");
            assertThat(format("%m%kv%n", event())).isEqualTo("hello\n");
        }

        @Test
        void fieldKeysKeptAsBytesByOneFormatAreWrittenAsTheEventsOwnKeysEventAfterEvent() {
            // One format for every event, so its table of keys' bytes fills up, collides and is replaced:
            // "Aa" and "BB" have the same hash code, and 200 keys are more than it holds.
            TextFormat format = TextFormat.of("%kv", ZoneOffset.UTC);
            List<String> keys = new java.util.ArrayList<>(List.of("Aa", "BB", "a b\nc", "ключ", "user"));
            for (int i = 0; i < 200; i++) {
                keys.add("k" + i);
            }
            for (int round = 0; round < 3; round++) {
                for (String key : keys) {
                    String copy = new String(key.toCharArray()); // equal, not the same object
                    String expected = " " + key.replace("\n", "\\n") + "=1";
                    for (String k : new String[] {key, copy}) {
                        ByteBuilder out = new ByteBuilder(64);
                        format.format(event().field(k, 1), out);
                        assertThat(out.toString()).as("key %s, round %d", key, round).isEqualTo(expected);
                    }
                }
            }
            ByteBuilder out = new ByteBuilder(64);
            format.format(event().field("Aa", 1).field("BB", 2).field(null, 3).field("Aa", 4), out);
            assertThat(out.toString()).isEqualTo(" Aa=1 BB=2 null=3 Aa=4");
        }

        @Test
        void fieldValuesThatAreTextButNotStringsAreReadAsTextAndEscaped() {
            CharSequence charsOnly = new CharSequence() { // read by its characters, never by toString()
                @Override public int length() { return 3; }
                @Override public char charAt(int index) { return "a\nb".charAt(index); }
                @Override public CharSequence subSequence(int start, int end) { return "a\nb".subSequence(start, end); }
                @Override public String toString() { throw new IllegalStateException("not called"); }
            };
            TestEvent event = event().field("sb", new StringBuilder("x\ty")).field("chars", charsOnly).field("n", 5);

            assertThat(format("%kv", event)).isEqualTo(" sb=x\\ty chars=a\\nb n=5");
        }

        @Test
        void floatingPointFieldsPrintAsJavaDoesIncludingNanAndInfinity() {
            TestEvent event = event().field("d", 1.5).field("f", 0.1f).field("nan", Double.NaN)
                    .field("inf", Double.POSITIVE_INFINITY).field("ninf", Float.NEGATIVE_INFINITY)
                    .field("none", null).field("big", Long.MIN_VALUE).field("list", List.of(1, 2));

            assertThat(format("%kv", event))
                    .isEqualTo(" d=1.5 f=0.1 nan=NaN inf=Infinity ninf=-Infinity none=null big=-9223372036854775808 list=[1, 2]");
        }

        @Test
        void idIsTheEventIdsTextForm() {
            TestEvent event = event().id(1L, 0L);

            assertThat(format("%id", event)).isEqualTo("0000000000000G000000000000");
            assertThat(format("%id", event().id(0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L)))
                    .isEqualTo(EventId.toString(0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L))
                    .hasSize(26);
        }

        @Test
        void resourceTokensComeFromTheEvent() {
            TestEvent event = event().resource(new Resource("billing", "db-3", 99));

            assertThat(format("%service@%host:%pid", event)).isEqualTo("billing@db-3:99");
        }

        @Test
        void everyLevelPrintsItsName() {
            for (Level level : Level.values()) {
                assertThat(format("%p", event().level(level))).isEqualTo(level.name());
            }
        }
    }

    @Nested
    class Widths {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[%-5p]|[INFO ]", "[%5p]|[ INFO]", "[%-2p]|[INFO]", "[%.3c]|[.db]", "[%.-3c]|[app]",
            "[%-8.3c]|[.db     ]", "[%8.-3c]|[     app]", "[%.20c]|[app.db]", "[%-6tid]|[1     ]",
            "[%3m]|[hello]"})
        void padsAndCutsToTheGivenWidth(String pattern, String expected) {
            assertThat(format(pattern, event())).isEqualTo(expected);
        }

        @Test
        void countsCharactersNotBytes() {
            TestEvent event = event().thread("日本語スレッド", 1).message("😀");

            assertThat(format("[%.2t]", event)).isEqualTo("[ッド]");
            assertThat(format("[%.-2t]", event)).isEqualTo("[日本]");
            assertThat(format("[%4m]", event)).isEqualTo("[   😀]");
            assertThat(format("[%-3m]", event)).isEqualTo("[😀  ]");
        }

        @Test
        void measuresTheEscapedText() {
            assertThat(format("[%-6m]", event().message("a\nb"))).isEqualTo("[a\\nb  ]");
        }
    }

    @Nested
    class Dates {

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "%d|2025-11-21T23:55:01,123", "%d{ISO8601}|2025-11-21T23:55:01,123",
            "%d{ISO8601_MICROS}|2025-11-21T23:55:01.123456", "%d{UNIX_MILLIS}|1763769301123",
            "%d{HH:mm:ss.SSS}|23:55:01.123", "%d{SSSSSSSSS}|123456000", "%d{ss.S}|01.1",
            "%d{'S'SS}|S12", "%d{''HH''}|'23'", "%d{[HH:mm:ss.SSS]}|23:55:01.123", "%d{n}|123456000",
            "%d{pppppSSS}|\"  123\"", "%d{SSS ss SS}|123 01 12", "%d{dd MMM uuuu}|21 Nov 2025",
            "%d{HH:mm xxx}|23:55 +00:00"})
        void formatsEveryKindOfPatternLikeDateTimeFormatter(String pattern, String expected) {
            assertThat(format(pattern, event())).isEqualTo(expected);
        }

        @Test
        void followsTheZoneOffsetAcrossDaylightSavingChanges() {
            long changeMicros = 1_743_296_400_000_000L; // 2025-03-30T01:00:00Z: Paris goes from +01:00 to +02:00
            ZoneId paris = ZoneId.of("Europe/Paris");
            TextFormat format = TextFormat.of("%d{HH:mm:ss.SSSSSS xxx}%n", paris);
            ByteBuilder out = new ByteBuilder(64);

            format.format(event().timestampMicros(changeMicros - 1), out);
            format.format(event().timestampMicros(changeMicros), out);
            format.format(event().timestampMicros(changeMicros - 1), out);

            assertThat(out.toString()).isEqualTo(
                    "01:59:59.999999 +01:00\n03:00:00.000000 +02:00\n01:59:59.999999 +01:00\n");
        }

        @Test
        void usesTheCacheOnlyWithinTheSameSecond() {
            TextFormat format = TextFormat.of("%d{ISO8601_MICROS}%n", ZoneOffset.UTC);
            ByteBuilder out = new ByteBuilder(64);

            for (long micros : new long[] {1_000_000L, 1_999_999L, 2_000_000L, 1_000_001L}) {
                format.format(event().timestampMicros(micros), out);
            }

            assertThat(out.toString()).isEqualTo("1970-01-01T00:00:01.000000\n1970-01-01T00:00:01.999999\n"
                    + "1970-01-01T00:00:02.000000\n1970-01-01T00:00:01.000001\n");
        }

        @Test
        void formatsEverySecondAcrossBoundariesAndBackLikeDateTimeFormatter() {
            ZoneId paris = ZoneId.of("Europe/Paris");
            TextFormat format = TextFormat.of("%d{uuuu-MM-dd HH:mm:ss.SSS xxx}%n", paris);
            DateTimeFormatter expected =
                    DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS xxx").withZone(paris);
            long change = 1_743_296_400L; // 2025-03-30T01:00:00Z: Paris goes from +01:00 to +02:00
            long[] seconds = {change - 200, change - 130, change - 129, change - 1, change, change + 1,
                    change - 1, change - 200, change + 63, change + 64, change + 65, change + 64, change - 129,
                    -1, 0, 63, 64, -64, -65};
            ByteBuilder out = new ByteBuilder(64);
            StringBuilder want = new StringBuilder();
            for (long second : seconds) {
                for (long micro : new long[] {0, 7_250, 123_456, 999_999}) {
                    long micros = second * 1_000_000L + micro;
                    format.format(event().timestampMicros(micros), out);
                    want.append(expected.format(Instant.ofEpochSecond(second, micro * 1_000L))).append('\n');
                }
            }

            assertThat(out.toString()).isEqualTo(want.toString());
        }

        @Test
        void formatsTheExtremeTimestamps() {
            assertThat(format("%d{n}|%d{UNIX_MILLIS}", event().timestampMicros(Long.MIN_VALUE)))
                    .isEqualTo("224192000|-9223372036854776");
            assertThat(format("%d{uuuu}", event().timestampMicros(Long.MAX_VALUE))).isEqualTo("+294247");
        }

        @Test
        void handlesTimesBeforeTheEpoch() {
            TestEvent event = event().timestampMicros(-1);

            assertThat(format("%d{ISO8601_MICROS} %d{UNIX_MILLIS}", event)).isEqualTo("1969-12-31T23:59:59.999999 -1");
            assertThat(format("%d{n}", event)).isEqualTo("999999000");
        }
    }

    @Nested
    class Escaping {

        @Test
        void escapesLineBreaksTabsAndControlsButNotBackslash() {
            String message = "a\rb\nc\td\u0000e\u001bf\u007fg\u0085h\u2028i\u2029j\\k\\nl";

            assertThat(format("%m", event().message(message)))
                    .isEqualTo("a\\rb\\nc\\td\\u0000e\\u001Bf\\u007Fg\\u0085h\\u2028i\\u2029j\\k\\nl");
        }

        @Test
        void escapesEveryPartTakenFromTheEvent() {
            TestEvent event = event().logger("a\nb").thread("t\r1", 1).context("k\n", "v\n")
                    .field("f\n", "x\ny").message("m\n").resource(new Resource("s\n", "h\n", 1));

            assertThat(format("%c|%t|%X|%X{k\n}|%m|%service|%host|%kv", event))
                    .isEqualTo("a\\nb|t\\r1|{k\\n=v\\n}|v\\n|m\\n|s\\n|h\\n| f\\n=x\\ny");
        }

        @Test
        void writesLoneSurrogatesAsReplacementCharacter() {
            byte[] bytes = format("%m", event().message("x\uD800y\uDC00z")).getBytes(StandardCharsets.UTF_8);

            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("x\uFFFDy\uFFFDz");
        }

        @Test
        void writesLookupsVerbatim() {
            TestEvent event = event().message("${jndi:ldap://x/a}").field("q", "${jndi:ldap://x/a}")
                    .context("c", "${env:HOME}");

            assertThat(format("%m%kv %X{c}", event)).isEqualTo("${jndi:ldap://x/a} q=${jndi:ldap://x/a} ${env:HOME}");
        }

        @Test
        void acceptsAnyCharSequenceAsMessage() {
            assertThat(format("%m", event().message(new StringBuilder("built\n")))).isEqualTo("built\\n");
        }
    }

    @Nested
    class ExceptionsOnContinuationLines {

        @Test
        void followTheLineWithCauseSuppressedAndElidedFrames() {
            TestEvent event = event().level(Level.ERROR).message("save failed").throwable(Exceptions.diskFull());

            assertThat(format(TextFormat.DEFAULT, event)).isEqualTo(
                    "2025-11-21T23:55:01,123 ERROR [main] app.db - save failed\n"
                            + "\tjava.io.IOException: disk full\n"
                            + "\tat app.Store.save(Store.java:42)\n"
                            + "\tat app.Main.run(Main.java:10)\n"
                            + "\tat app.Main.main(Main.java:5)\n"
                            + "\tSuppressed: java.lang.RuntimeException: close failed\n"
                            + "\t\tat app.Store.close(Store.java:50)\n"
                            + "\t\t... 2 more\n"
                            + "\tCaused by: java.lang.IllegalStateException: no space\\nleft\n"
                            + "\tat app.Disk.write(Disk.java:7)\n"
                            + "\t... 2 more\n");
        }

        @Test
        void printNativeUnknownAndLinelessFramesLikeTheJdk() {
            assertThat(format("%m%n", event().throwable(Exceptions.oddFrames()))).isEqualTo(
                    "hello\n\tjava.lang.RuntimeException\n\tat jdk.Native.call(Native Method)\n"
                            + "\tat app.Generated.run(Unknown Source)\n\tat app.NoLines.go(NoLines.java)\n");
        }

        @Test
        void readTheSameWhereverExIsPlaced() {
            TestEvent event = event().throwable(Exceptions.oddFrames());

            assertThat(format("%m%ex%n", event)).isEqualTo(format("%m%n%ex", event));
            assertThat(format("%m%ex%n", event)).isEqualTo(format("%m%n", event));
        }

        @Test
        void endWithoutNewlineWhenThePatternHasNone() {
            assertThat(format("%m", event().throwable(Exceptions.oddFrames())))
                    .isEqualTo("hello\n\tjava.lang.RuntimeException\n\tat jdk.Native.call(Native Method)\n"
                            + "\tat app.Generated.run(Unknown Source)\n\tat app.NoLines.go(NoLines.java)");
        }

        @Test
        void writeNothingWithoutException() {
            assertThat(format("%m%ex|%n", event())).isEqualTo("hello|\n");
        }

        @Test
        void markACauseCycleInsteadOfLooping() {
            IllegalStateException a = new IllegalStateException("a");
            IllegalArgumentException b = new IllegalArgumentException("b", a);
            a.initCause(b);
            a.setStackTrace(new StackTraceElement[] {frame("x.A", "m", "A.java", 1)});
            b.setStackTrace(new StackTraceElement[] {frame("x.B", "m", "B.java", 2)});

            assertThat(format("%n", event().throwable(a))).isEqualTo("\n"
                    + "\tjava.lang.IllegalStateException: a\n\tat x.A.m(A.java:1)\n"
                    + "\tCaused by: java.lang.IllegalArgumentException: b\n\tat x.B.m(B.java:2)\n"
                    + "\tCaused by: [CIRCULAR REFERENCE: java.lang.IllegalStateException: a]\n");
        }

        @Test
        void stopAfterAHundredThrowables() {
            RuntimeException root = new RuntimeException("0");
            RuntimeException current = root;
            for (int i = 1; i < 150; i++) {
                RuntimeException next = new RuntimeException(Integer.toString(i));
                next.setStackTrace(new StackTraceElement[0]);
                current.initCause(next);
                current = next;
            }
            root.setStackTrace(new StackTraceElement[0]);

            String text = format("%n", event().throwable(root));

            assertThat(text.lines().filter(l -> l.startsWith("\tCaused by: java.lang.RuntimeException"))).hasSize(99);
            assertThat(text).endsWith("\tCaused by: [further throwables omitted]\n");
        }

        @Test
        void matchTheJdkTraceWithATabBeforeLinesItStartsAtColumnZero() {
            Exception e = realTrace();

            String ours = format("%n", event().throwable(e)).substring(1);

            assertThat(ours).isEqualTo(jdkTraceWithTabs(e));
        }

        /** A thrown exception with a cause, two suppressed (one with its own cause) and a cycle. */
        private Exception realTrace() {
            try {
                try {
                    throw new IllegalStateException("inner");
                } catch (IllegalStateException inner) {
                    Exception outer = new Exception("outer", inner);
                    Exception sup = new UnsupportedOperationException("sup", new ArithmeticException("deep"));
                    outer.addSuppressed(sup);
                    outer.addSuppressed(new RuntimeException("second"));
                    inner.addSuppressed(outer); // a cycle through a suppressed exception
                    throw outer;
                }
            } catch (Exception e) {
                withoutModuleNames(e, new java.util.IdentityHashMap<>());
                return e;
            }
        }

        /** Our frames omit module and loader names; rebuild the JDK's frames without them to compare. */
        private void withoutModuleNames(Throwable t, java.util.IdentityHashMap<Throwable, Boolean> done) {
            if (t == null || done.put(t, Boolean.TRUE) != null) {
                return;
            }
            t.setStackTrace(Arrays.stream(t.getStackTrace())
                    .map(f -> frame(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
                    .toArray(StackTraceElement[]::new));
            withoutModuleNames(t.getCause(), done);
            for (Throwable s : t.getSuppressed()) {
                withoutModuleNames(s, done);
            }
        }

        private String jdkTraceWithTabs(Throwable t) {
            StringWriter text = new StringWriter();
            t.printStackTrace(new PrintWriter(text));
            return text.toString().lines()
                    .map(line -> line.startsWith("\t") ? line : "\t" + line)
                    .collect(Collectors.joining("\n", "", "\n"));
        }
    }

    @Nested
    class PatternErrors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "%m %foo|unknown token '%foo' at index 3",
            "%mesage|unknown token '%mesage' at index 0",
            "abc%|'%' must be followed by a token name at index 3",
            "%-5|'%' must be followed by a token name at index 0",
            "%d{HH|'{' without a closing '}' at index 0",
            "%d{bbb}|bad date pattern in %d{bbb}",
            "%d{SSSSSSSSSS}|bad date pattern in %d{SSSSSSSSSS}",
            "%p{x}|%p takes no {option}",
            "%5n|%n takes no width",
            "%-10ex|%ex takes no width",
            "%c{0}|%c{0} needs a positive number",
            "%c{x}|%c{x} needs a positive number",
            "%.0c|a maximum width after '.' must be a positive number",
            "%123456p|width too large"})
        void nameTheBadTokenAndListTheAcceptedOnes(String pattern, String problem) {
            assertThatThrownBy(() -> TextFormat.of(pattern, ZoneOffset.UTC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(problem)
                    .hasMessageContaining("accepted tokens: %d, %d{ISO8601}");
        }

        @Test
        void rejectAnEmptyOrMissingPattern() {
            assertThatThrownBy(() -> TextFormat.of("", ZoneOffset.UTC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty pattern");
            assertThatThrownBy(() -> TextFormat.of(null, ZoneOffset.UTC))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty pattern");
        }

        @Test
        void acceptEveryDocumentedToken() {
            String all = "%d %d{ISO8601} %d{ISO8601_MICROS} %d{UNIX_MILLIS} %d{HH} %p %level %t %thread %tid %c "
                    + "%logger %c{1} %m %msg %message %X %X{k} %kv %id %service %host %pid %ex %% %-5p %5p %.20c%n";

            assertThat(TextFormat.of(all, ZoneOffset.UTC)).hasToString(all);
        }
    }
}
