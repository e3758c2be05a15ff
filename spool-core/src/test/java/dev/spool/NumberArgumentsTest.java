package dev.spool;

import dev.spool.format.Formats;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Options;
import dev.spool.spi.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers passed unboxed ({@link Logger}'s primitive overloads, {@link EventBuilder#arg(long)}) are written
 * by every format exactly as the same values boxed, and Java's overload choice keeps a {@code char}, a
 * {@code float} and a {@code boolean} printing as they always did.
 */
class NumberArgumentsTest {

    private static final List<String> FORMATS = List.of("text", "json", "ecs", "gelf", "logstash", "otlp-json");

    /** Formats every event with every format on the writer thread, with the id and time fixed. */
    private static final class EveryFormatSink implements Sink {
        final List<List<String>> lines = new ArrayList<>();
        private final List<Format> formats = new ArrayList<>();

        EveryFormatSink() {
            for (String name : FORMATS) {
                formats.add(Formats.fromOptions(new Options("destination.all.", Map.of("format", name))));
            }
        }

        @Override
        public synchronized void write(LogEvent event) {
            LogEvent fixed = new FixedIdentity(event);
            List<String> rendered = new ArrayList<>();
            for (Format format : formats) {
                ByteBuilder out = new ByteBuilder(128);
                format.format(fixed, out);
                rendered.add(out.toString());
            }
            lines.add(rendered);
        }

        synchronized List<List<String>> lines() {
            return new ArrayList<>(lines);
        }

        @Override public void flush() { }
        @Override public void close() { }
    }

    private final EveryFormatSink sink = new EveryFormatSink();

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(5));
    }

    private Logger configure() {
        Spool.configure(SpoolConfig.builder().name("numbers").shutdownHook(false).jmx(false)
                .destination("all", context -> sink).route("root", "", Level.TRACE, "all").build());
        return Spool.logger("app.numbers");
    }

    @Test
    void everyFormatWritesAnUnboxedNumberAsItWritesTheBoxedOne() {
        Logger log = configure();
        log.info("took {} ms", 1_234_567_890_123L);
        log.info("took {} ms", (Object) 1_234_567_890_123L);
        log.info("n={}", -42);
        log.info("n={}", (Object) (-42));
        log.warn("ratio {}", 0.1 + 0.2);
        log.warn("ratio {}", (Object) (0.1 + 0.2));
        log.error("{} {}", Double.NaN);
        log.error("{} {}", (Object) Double.NaN);
        log.debug("zero {}", -0.0);
        log.debug("zero {}", (Object) (-0.0));
        log.trace("f={}", 1.1f);
        log.trace("f={}", (Object) 1.1f);
        log.fatal("quote {} newline", '"');
        log.fatal("quote {} newline", (Object) '"');
        log.info("\\{} {}", '\n');
        log.info("\\{} {}", (Object) '\n');
        log.atWarn().kv("k", 3L).arg("user").arg(15L).arg(2.5).arg('x').arg(0.5f).log("{} {} {} {} {} {}", "tail");
        log.atWarn().kv("k", 3L).log("{} {} {} {} {} {}", "user", 15L, 2.5, 'x', 0.5f, "tail");
        Spool.flush(Duration.ofSeconds(5));

        List<List<String>> lines = sink.lines();
        assertThat(lines).hasSize(18);
        for (int i = 0; i < lines.size(); i += 2) {
            for (int f = 0; f < FORMATS.size(); f++) {
                assertThat(lines.get(i).get(f)).as("%s, event %d", FORMATS.get(f), i / 2)
                        .isEqualTo(lines.get(i + 1).get(f));
            }
        }
        for (int f = 0; f < FORMATS.size(); f++) { // and the equal lines say what was logged
            assertThat(lines.get(0).get(f)).contains("took 1234567890123 ms");
            assertThat(lines.get(2).get(f)).contains("n=-42");
            assertThat(lines.get(4).get(f)).contains("ratio 0.30000000000000004");
            assertThat(lines.get(16).get(f)).contains("user 15 2.5 x 0.5 tail");
        }
    }

    @Test
    void aCharAFloatAndABooleanPrintAsTheyDidBeforeThereWereNumberOverloads() {
        Logger log = configure();
        char semicolon = ';';
        float tenth = 0.1f;
        short small = 3;
        byte tiny = -1;
        boolean flag = true;
        Integer boxed = null;
        log.info("[{}]", semicolon);
        log.info("[{}]", tenth);
        log.info("[{}]", small);
        log.info("[{}]", tiny);
        log.info("[{}]", flag);
        log.info("[{}]", boxed);
        log.atInfo().arg(semicolon).arg(tenth).arg(small).arg(flag).arg(boxed).log("[{} {} {} {} {}]");
        Spool.flush(Duration.ofSeconds(5));

        assertThat(sink.lines()).extracting(l -> l.get(1)) // json: the message, escaped
                .allSatisfy(line -> assertThat(line).startsWith("{"))
                .extracting(NumberArgumentsTest::message)
                .containsExactly("[;]", "[0.1]", "[3]", "[-1]", "[true]", "[null]", "[; 0.1 3 true null]");
    }

    private static String message(String jsonLine) {
        int at = jsonLine.indexOf("\"message\":\"") + 11;
        return jsonLine.substring(at, jsonLine.indexOf('"', at));
    }

    /** The event with a fixed id and time, so that two events logged one after the other compare equal. */
    private record FixedIdentity(LogEvent event) implements LogEvent {
        @Override public long idHigh() { return 1; }
        @Override public long idLow() { return 2; }
        @Override public long timestampMicros() { return 1_763_769_301_123_456L; }
        @Override public Level level() { return event.level(); }
        @Override public String logger() { return event.logger(); }
        @Override public String threadName() { return event.threadName(); }
        @Override public long threadId() { return event.threadId(); }
        @Override public CharSequence message() { return event.message(); }
        @Override public int fieldCount() { return event.fieldCount(); }
        @Override public String fieldKey(int index) { return event.fieldKey(index); }
        @Override public Object fieldValue(int index) { return event.fieldValue(index); }
        @Override public ContextMap context() { return event.context(); }
        @Override public Throwable throwable() { return event.throwable(); }
        @Override public Resource resource() { return event.resource(); }
    }
}
