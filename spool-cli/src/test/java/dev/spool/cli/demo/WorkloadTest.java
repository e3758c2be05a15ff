package dev.spool.cli.demo;

import dev.spool.Context;
import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's producers run through a real pipeline into an in-memory sink instead of a file. */
class WorkloadTest {

    private static final String RUN = "0c0ffe";
    private static final Pattern NUMBERS = Pattern.compile("worker (\\d+) event (\\d+)");

    /** What the sink saw of one event. */
    record Seen(String line, Level level, String thread, String correlationId, Object threadIndex, Object seq) {
    }

    /** Keeps one rendered line per event; written by the writer thread, read after flush. */
    static final class MemorySink implements Sink {
        final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(LogEvent e) {
            Map<String, Object> fields = new java.util.HashMap<>();
            for (int i = 0; i < e.fieldCount(); i++) {
                fields.put(e.fieldKey(i), e.fieldValue(i));
            }
            String line = e.level() + " [" + e.threadName() + "] " + e.logger() + " - " + e.message();
            seen.add(new Seen(line, e.level(), e.threadName(), e.context().get(Context.CORRELATION_ID),
                    fields.get("thread_index"), fields.get("seq")));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private final MemorySink sink = new MemorySink();

    @BeforeEach
    void configure() {
        Spool.configure(SpoolConfig.builder().name("workload-test").jmx(false).shutdownHook(false)
                .destination("memory", context -> sink)
                .route("concurrency", "CONCURRENCY", Level.DEBUG, "memory")
                .build());
    }

    @AfterEach
    void shutdown() {
        Spool.shutdown();
    }

    private PhaseResult run(String phase, String logger, int threads, int events, List<Long> finished)
            throws InterruptedException {
        Progress progress = new Progress() {
            @Override public void update(long done) { }
            @Override public void finish(long done) { finished.add(done); }
        };
        return new Workload(new Workload.Plan(phase, logger, threads, events), RUN).run(progress);
    }

    @Test
    void everyEventOfEveryThreadIsWrittenOnceInItsThreadsOrder() throws InterruptedException {
        List<Long> finished = new ArrayList<>();
        run("concurrency", "CONCURRENCY", 4, 50, finished);
        run("stress", "CONCURRENCY.stress", 6, 400, finished);

        List<String> lines = sink.seen.stream().map(Seen::line).toList();
        LogFileCheck.Result result = new LogFileCheck(RUN).expect("concurrency", 4, 50).expect("stress", 6, 400)
                .verify(lines);

        assertThat(result.describe()).isEqualTo("verified: 2,600 events, per-thread order OK");
        assertThat(finished).containsExactly(200L, 2_400L);
        assertThat(Spool.stats().written()).isEqualTo(2_600);
    }

    @Test
    void eachEventCarriesItsThreadsCorrelationIdFieldsAndLevel() throws InterruptedException {
        run("stress", "CONCURRENCY.stress", 3, 30, new ArrayList<>());

        assertThat(sink.seen).hasSize(90).allSatisfy(s -> {
            Matcher m = NUMBERS.matcher(s.line());
            assertThat(m.find()).as(s.line()).isTrue();
            int worker = Integer.parseInt(m.group(1));
            int seq = Integer.parseInt(m.group(2));
            assertThat(s.thread()).isEqualTo("stress-worker-" + worker);
            assertThat(s.correlationId()).isEqualTo(RUN + "-stress-" + worker);
            assertThat(s.threadIndex()).isEqualTo((long) worker);
            assertThat(s.seq()).isEqualTo((long) seq);
            assertThat(s.level()).isEqualTo(Workload.levelOf(seq));
        });
    }

    @Test
    void countsPerLevelAreWhatTheSinkReceived() throws InterruptedException {
        PhaseResult result = run("concurrency", "CONCURRENCY", 5, 40, new ArrayList<>());

        Map<Level, Long> received = new EnumMap<>(Level.class);
        sink.seen.forEach(s -> received.merge(s.level(), 1L, Long::sum));
        assertThat(result.eventsByLevel()).isEqualTo(received);
        assertThat(received.keySet()).containsExactlyInAnyOrder(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
        assertThat(result.events()).isEqualTo(200);
    }
}
