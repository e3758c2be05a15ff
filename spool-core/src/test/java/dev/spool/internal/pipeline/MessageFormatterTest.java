package dev.spool.internal.pipeline;

import dev.spool.spi.Arguments;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MessageFormatterTest {

    private static String format(String pattern, Object... args) {
        MessageBuffer sb = new MessageBuffer(16);
        MessageFormatter.format(sb, pattern, 0, null, null, args);
        return sb.toString();
    }

    @Test
    void substitutesPlaceholdersInOrder() {
        assertThat(format("Thread {} log {} value={}", 3, 17L, "x")).isEqualTo("Thread 3 log 17 value=x");
    }

    @Test
    void leavesExtraPlaceholdersAndIgnoresExtraArguments() {
        assertThat(format("a {} b {} c {}", 1)).isEqualTo("a 1 b {} c {}");
        assertThat(format("a {}", 1, 2, 3)).isEqualTo("a 1");
    }

    @Test
    void escapedPlaceholdersAreLiteral() {
        assertThat(format("set \\{} to {}", 5)).isEqualTo("set {} to 5");
        assertThat(format("path C:\\\\{}", "dir")).isEqualTo("path C:\\dir");
    }

    @Test
    void trailingThrowableIsTheExceptionNotAnArgument() {
        MessageBuffer sb = new MessageBuffer(16);
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable t = MessageFormatter.format(sb, "failed {} {}", 0, null, null, new Object[] {"x", boom});
        assertThat(t).isSameAs(boom);
        assertThat(sb).hasToString("failed x {}");
    }

    @Test
    void twoArgumentFormWithoutArray() {
        MessageBuffer sb = new MessageBuffer(16);
        Throwable t = MessageFormatter.format(sb, "{} and {}", 2, "a", 'b', null);
        assertThat(t).isNull();
        assertThat(sb).hasToString("a and b");
    }

    @Test
    void arraysNullsAndFailingToStringAreSafe() {
        Object failing = new Object() {
            @Override
            public String toString() {
                throw new IllegalArgumentException("nope");
            }
        };
        assertThat(format("{} {} {} {}", new int[] {1, 2}, new Object[] {"a", new long[] {3}}, null, failing))
                .isEqualTo("[1, 2] [a, [3]] null [FAILED toString(): java.lang.IllegalArgumentException: nope]");
    }

    @Test
    void textIsNeverInterpreted() {
        assertThat(format("${jndi:ldap://x/a} {}", "${jndi:ldap://x/b}"))
                .isEqualTo("${jndi:ldap://x/a} ${jndi:ldap://x/b}");
        assertThat(format(null)).isEqualTo("null");
    }

    /** Primitives passed unboxed print exactly what their boxes print, under every placeholder rule. */
    @Nested
    class Primitives {

        private final String[] patterns = {"v={}", "{}", "no placeholder", "\\{} then {}", "C:\\\\{}", "{} and {}",
                "{", "", "${jndi:x} {}"};

        private String primitive(String pattern, int kind, long longValue, double doubleValue) {
            MessageBuffer sb = new MessageBuffer(16);
            MessageFormatter.formatPrimitive(sb, pattern, kind, longValue, doubleValue);
            return sb.toString();
        }

        private String boxed(String pattern, Object value) {
            MessageBuffer sb = new MessageBuffer(16);
            MessageFormatter.format(sb, pattern, 1, value, null, null);
            return sb.toString();
        }

        @Test
        void longsPrintAsLongsDo() {
            long[] values = {0, -1, 7, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, 123_456_789_012L};
            for (String pattern : patterns) {
                for (long v : values) {
                    assertThat(primitive(pattern, Arguments.LONG, v, 0)).isEqualTo(boxed(pattern, v));
                }
            }
            assertThat(primitive("v={}", Arguments.LONG, -42, 0)).isEqualTo("v=-42");
        }

        @Test
        void doublesPrintAsDoublesDo() {
            Random random = new Random(17);
            double[] values = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 1e7, 0.1, 1.0e21, 2.0 / 3, 100.0, 5e-324};
            for (String pattern : patterns) {
                for (double v : values) {
                    assertThat(primitive(pattern, Arguments.DOUBLE, 0, v)).isEqualTo(boxed(pattern, v));
                }
            }
            for (int i = 0; i < 20_000; i++) {
                double v = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e6;
                assertThat(primitive("{}", Arguments.DOUBLE, 0, v)).isEqualTo(Double.toString(v));
            }
        }

        @Test
        void floatsPrintAsFloatsDoNotAsTheirWidenedDouble() {
            Random random = new Random(18);
            float[] values = {1.1f, 0.0f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE,
                    1e10f, 3.3333333f};
            for (String pattern : patterns) {
                for (float v : values) {
                    assertThat(primitive(pattern, Arguments.FLOAT, 0, v)).isEqualTo(boxed(pattern, v));
                }
            }
            for (int i = 0; i < 20_000; i++) {
                float v = Float.intBitsToFloat(random.nextInt());
                assertThat(primitive("{}", Arguments.FLOAT, 0, v)).isEqualTo(Float.toString(v));
            }
            assertThat(primitive("{}", Arguments.FLOAT, 0, 1.1f)).isEqualTo("1.1");
        }

        @Test
        void charsPrintAsTheCharacterNotItsCode() {
            char[] values = {'c', '\0', '{', '}', '\\', '\uD800', '\u00e9', '\n'};
            for (String pattern : patterns) {
                for (char v : values) {
                    assertThat(primitive(pattern, Arguments.CHAR, v, 0)).isEqualTo(boxed(pattern, v));
                }
            }
            assertThat(primitive("[{}]", Arguments.CHAR, ';', 0)).isEqualTo("[;]");
        }

        @Test
        void aNullPatternPrintsNull() {
            assertThat(primitive(null, Arguments.LONG, 5, 0)).isEqualTo("null");
        }
    }

    /** Typed argument lists print what the same boxed values print through the Object path. */
    @Nested
    class TypedArguments {

        @Test
        void mixedKindsPrintAsTheirBoxes() {
            IllegalStateException boom = new IllegalStateException("boom");
            Object[] boxed = {"a", 5L, 2.5, 'x', 1.1f, null, true};
            Typed typed = new Typed().with("a").withLong(5).withDouble(2.5).withChar('x').withFloat(1.1f)
                    .with(null).with(true);
            for (String pattern : new String[] {"{} {} {} {} {} {} {}", "{} \\{} {}", "{}{}", "x", "{} {} {} {} {} {} {} {}"}) {
                MessageBuffer viaTyped = new MessageBuffer(16);
                MessageBuffer viaBoxes = new MessageBuffer(16);
                assertThat(MessageFormatter.format(viaTyped, pattern, typed)).isNull();
                MessageFormatter.format(viaBoxes, pattern, 0, null, null, boxed);
                assertThat(viaTyped).hasToString(viaBoxes.toString());
            }
            MessageBuffer sb = new MessageBuffer(16);
            assertThat(MessageFormatter.format(sb, "{} {} {}", typed.with(boom))).isSameAs(boom);
            assertThat(sb).hasToString("a 5 2.5");
        }

        @Test
        void aTrailingNumberIsNeverTheException() {
            MessageBuffer sb = new MessageBuffer(16);
            assertThat(MessageFormatter.format(sb, "{}", new Typed().withLong(3))).isNull();
            assertThat(sb).hasToString("3");
        }
    }

    /**
     * A thread's plan of a pattern ({@link PatternPlan}) formats exactly what the scan of the pattern formats,
     * through each of the three entry points, whatever the pattern's placeholders, escapes and arguments.
     */
    @Nested
    class Plans {

        private static final String ALPHABET = "ab {}}{\\\\ x{}";

        private String randomPattern(Random random) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(24);
            for (int i = 0; i < n; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return sb.toString();
        }

        private Object randomArg(Random random) {
            switch (random.nextInt(6)) {
                case 0: return random.nextInt();
                case 1: return "s" + random.nextInt(100);
                case 2: return "\u00fc{}\n"; // not ASCII: the message goes on as chars
                case 3: return null;
                case 4: return 2.5;
                default: return new IllegalStateException("boom");
            }
        }

        @Test
        void aPlanFormatsWhatTheScanFormats() {
            Random random = new Random(31);
            int planned = 0;
            for (int round = 0; round < 20_000; round++) {
                String pattern = randomPattern(random);
                PatternPlan plan = PatternPlan.of(pattern);
                assertThat(plan.planned()).as(pattern).isTrue(); // printable ASCII, short
                planned++;
                Object[] args = new Object[random.nextInt(5)];
                for (int i = 0; i < args.length; i++) {
                    args[i] = randomArg(random);
                }
                MessageBuffer scanned = new MessageBuffer(4);
                MessageBuffer fromPlan = new MessageBuffer(4);
                Throwable a = MessageFormatter.format(scanned, pattern, 0, null, null, args);
                Throwable b = MessageFormatter.format(fromPlan, pattern, plan, 0, null, null, args);
                assertThat(fromPlan.toString()).as("pattern '%s', %s args", pattern, args.length).isEqualTo(scanned.toString());
                assertThat(b).isSameAs(a);
                if (args.length <= 2) {
                    MessageBuffer two = new MessageBuffer(4);
                    MessageFormatter.format(two, pattern, plan, args.length, args.length > 0 ? args[0] : null,
                            args.length > 1 ? args[1] : null, null);
                    assertThat(two.toString()).isEqualTo(scanned.toString());
                }
                Typed typed = new Typed();
                for (Object arg : args) {
                    typed.with(arg);
                }
                MessageBuffer typedScanned = new MessageBuffer(4);
                MessageBuffer typedPlanned = new MessageBuffer(4);
                MessageFormatter.format(typedScanned, pattern, typed);
                MessageFormatter.format(typedPlanned, pattern, plan, typed);
                assertThat(typedPlanned.toString()).isEqualTo(typedScanned.toString());
                long v = random.nextLong();
                MessageBuffer primitiveScanned = new MessageBuffer(4);
                MessageBuffer primitivePlanned = new MessageBuffer(4);
                MessageFormatter.formatPrimitive(primitiveScanned, pattern, Arguments.LONG, v, 0);
                MessageFormatter.formatPrimitive(primitivePlanned, pattern, plan, Arguments.LONG, v, 0);
                assertThat(primitivePlanned.toString()).isEqualTo(primitiveScanned.toString());
            }
            assertThat(planned).isEqualTo(20_000);
        }

        @Test
        void escapesAndSpareArgumentsComeOutAsTheScanWritesThem() {
            String pattern = "set \\{} to {} in C:\\\\{} and {} left \\{} {}";
            PatternPlan plan = PatternPlan.of(pattern);
            assertThat(plan.placeholders()).isEqualTo(4);
            MessageBuffer out = new MessageBuffer(4);
            MessageFormatter.format(out, pattern, plan, 0, null, null, new Object[] {1, "d"});
            assertThat(out).hasToString("set {} to 1 in C:\\d and {} left \\{} {}");
            out = new MessageBuffer(4);
            MessageFormatter.format(out, pattern, plan, 0, null, null, new Object[] {1, 2, 3, 4, 5});
            assertThat(out).hasToString("set {} to 1 in C:\\2 and 3 left {} 4");
        }

        @Test
        void aPatternThatIsNotPrintableAsciiOrIsLongHasNoPlan() {
            assertThat(PatternPlan.of("caf\u00e9 {}").planned()).isFalse();
            assertThat(PatternPlan.of("two\nlines {}").planned()).isFalse();
            assertThat(PatternPlan.of("x".repeat(PatternPlan.MAX_PLANNED_CHARS + 1)).planned()).isFalse();
            assertThat(PatternPlan.of("x".repeat(PatternPlan.MAX_PLANNED_CHARS)).planned()).isTrue();
        }

        @Test
        void aThreadPlansAPatternOnItsSecondSightingAndKnowsItByIdentity() {
            PatternPlan.Plans plans = new PatternPlan.Plans();
            String pattern = "Thread {} log {}";
            assertThat(plans.of(pattern)).isNull();
            PatternPlan plan = plans.of(pattern);
            assertThat(plan).isNotNull();
            assertThat(plan.pattern).isSameAs(pattern);
            assertThat(plans.of(pattern)).isSameAs(plan);
            String equalButNew = new String(pattern.toCharArray());
            assertThat(plans.of(equalButNew)).isNull(); // built anew for a call: never planned
            assertThat(plans.of(pattern)).isSameAs(plan);
            String accented = "caf\u00e9 {}";
            assertThat(plans.of(accented)).isNull();
            assertThat(plans.of(accented)).isNull();
            assertThat(plans.of(accented)).isNull();
        }

        @Test
        void twoPatternsInOneBucketDoNotPlanEachOtherOut() {
            PatternPlan.Plans plans = new PatternPlan.Plans();
            String first = "a {} b"; // the same length and first char: one bucket
            String second = "a {} c";
            plans.of(first);
            PatternPlan plan = plans.of(first);
            assertThat(plan).isNotNull();
            for (int i = 0; i < 10; i++) {
                assertThat(plans.of(second)).as("the bucket is taken: scanned as before").isNull();
                assertThat(plans.of(first)).as("and keeps its plan, not a new one").isSameAs(plan);
            }
            assertThat(plans.of("")).isNull();
        }
    }

    /** A plain list of typed arguments, as the API's builder keeps them. */
    private static final class Typed implements Arguments {
        private final List<Integer> kinds = new ArrayList<>();
        private final List<Object> objects = new ArrayList<>();
        private final List<Long> longs = new ArrayList<>();
        private final List<Double> doubles = new ArrayList<>();

        private Typed add(int kind, Object object, long l, double d) {
            kinds.add(kind);
            objects.add(object);
            longs.add(l);
            doubles.add(d);
            return this;
        }

        Typed with(Object o) { return add(OBJECT, o, 0, 0); }
        Typed withLong(long v) { return add(LONG, null, v, 0); }
        Typed withDouble(double v) { return add(DOUBLE, null, 0, v); }
        Typed withFloat(float v) { return add(FLOAT, null, 0, v); }
        Typed withChar(char v) { return add(CHAR, null, v, 0); }

        @Override public int size() { return kinds.size(); }
        @Override public int kind(int index) { return kinds.get(index); }
        @Override public Object object(int index) { return objects.get(index); }
        @Override public long longValue(int index) { return longs.get(index); }
        @Override public double doubleValue(int index) { return doubles.get(index); }
    }
}
