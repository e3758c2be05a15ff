package dev.spool;

import dev.spool.format.JsonFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.Sink;
import dev.spool.spi.SinkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Ledgers (docs/audit.md): exact, cumulative, written in the stream at the point they account for. */
class LedgerTest {

    private static final int THREADS = 6;

    @AfterEach
    void shutDown() {
        Spool.shutdown(Duration.ofSeconds(10));
    }

    /** Records every event and, for each ledger, how many events and which highest id counter preceded it. */
    static final class LedgerSink implements Sink {
        record Seen(Ledger ledger, long eventsBefore, String maxCounterBefore) {}

        final List<Seen> ledgers = new ArrayList<>();
        final AtomicLong events = new AtomicLong();
        volatile int periodic;
        String maxCounter = "";
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile boolean writing;
        long failEvery; // every n-th event throws, when above 0

        SinkFactory factory() {
            return context -> this;
        }

        @Override public boolean acceptsLedgers() { return true; }

        @Override
        public void write(LogEvent e) {
            if (e.kind() == EventKind.LEDGER) {
                synchronized (ledgers) {
                    ledgers.add(new Seen(e.ledger(), events.get(), maxCounter));
                }
                if (!e.ledger().last()) {
                    periodic++;
                }
                return;
            }
            writing = true;
            try {
                hold.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            String counter = EventId.toString(e.idHigh(), e.idLow()).substring(18);
            assertThat(EventId.nodeText(e.idHigh(), e.idLow())).isEqualTo(EventId.localNodeText());
            if (failEvery > 0 && (events.get() + failures + 1) % failEvery == 0) {
                failures++;
                throw new IllegalStateException("refused on purpose");
            }
            if (counter.compareTo(maxCounter) > 0) {
                maxCounter = counter;
            }
            events.incrementAndGet();
        }

        long failures;

        List<Seen> ledgers() {
            synchronized (ledgers) {
                return new ArrayList<>(ledgers);
            }
        }

        @Override public void flush() { }
        @Override public void close() { }
    }

    private static SpoolConfig.Builder config(LedgerSink sink, int capacity, OverflowPolicy policy, Duration interval) {
        return SpoolConfig.builder().name("ledgers").shutdownHook(false).jmx(false).queueCapacity(capacity)
                .ledgerInterval(interval)
                .destination("audited", sink.factory())
                .destination("console", "console", java.util.Map.of())
                .route(new RouteConfig("root", "", Level.TRACE,
                        List.of(new RouteConfig.Target("audited", Level.TRACE),
                                new RouteConfig.Target("console", Level.FATAL)), true, policy));
    }

    @Test
    void everyLedgerCountsExactlyTheEventsWrittenBeforeItWhileProducersRun() throws Exception {
        LedgerSink sink = new LedgerSink();
        Spool.configure(config(sink, 1024, OverflowPolicy.BLOCK, Duration.ofMillis(5)).build());
        Logger log = Spool.logger("app");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong logged = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    log.info("event {}", logged.incrementAndGet());
                }
            }, "producer-" + t);
            thread.start();
            threads.add(thread);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.periodic < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        Spool.shutdown(Duration.ofSeconds(10));

        List<LedgerSink.Seen> seen = sink.ledgers();
        assertThat(seen.stream().filter(s -> !s.ledger().last()).count()).isGreaterThanOrEqualTo(5);
        for (LedgerSink.Seen s : seen) {
            assertThat(s.ledger().sent()).as("sent of %s", s.ledger()).isEqualTo(s.eventsBefore());
            assertThat(s.ledger().lastCounter()).isEqualTo(s.maxCounterBefore());
            assertThat(s.ledger().destination()).isEqualTo("audited");
            assertThat(s.ledger().node()).isEqualTo(EventId.localNodeText());
            assertThat(s.ledger().failed()).isZero();
            assertThat(s.ledger().dropped()).isEmpty();
        }
        LedgerSink.Seen last = seen.get(seen.size() - 1);
        assertThat(last.ledger().last()).isTrue();
        assertThat(seen.stream().filter(s -> s.ledger().last()).count()).isEqualTo(1);
        assertThat(last.ledger().sent()).isEqualTo(logged.get()).isEqualTo(sink.events.get());
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).ledger().sent()).isGreaterThanOrEqualTo(seen.get(i - 1).ledger().sent());
        }
    }

    @Test
    void aDropPolicyUnderOverloadShowsExactlyTheDroppedCountUnderItsReason() throws Exception {
        LedgerSink sink = new LedgerSink();
        sink.hold = new CountDownLatch(1);
        Spool.configure(config(sink, 16, OverflowPolicy.DROP, Duration.ofHours(1)).build());
        Logger log = Spool.logger("app");
        log.info("first");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sink.writing && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        for (int i = 0; i < 1_000; i++) {
            log.info("overload {}", i); // the writer is held: all but 16 are dropped
        }
        sink.hold.countDown();
        PipelineStats stats = Spool.shutdown(Duration.ofSeconds(10));

        Ledger last = sink.ledgers().get(sink.ledgers().size() - 1).ledger();
        assertThat(last.last()).isTrue();
        assertThat(stats.dropped(DropReason.QUEUE_FULL)).isGreaterThanOrEqualTo(1_000 - 16);
        assertThat(last.dropped()).containsExactly(java.util.Map.entry("queue_full", stats.dropped(DropReason.QUEUE_FULL)));
        assertThat(last.sent()).isEqualTo(sink.events.get());
        assertThat(last.sent() + last.droppedTotal()).isEqualTo(1_001);
    }

    @Test
    void eventsTheDestinationRefusedAreCountedAsFailedNotSent() throws Exception {
        LedgerSink sink = new LedgerSink();
        sink.failEvery = 4;
        Spool.configure(config(sink, 1024, OverflowPolicy.BLOCK, Duration.ofHours(1)).build());
        for (int i = 0; i < 100; i++) {
            Spool.logger("app").info("e {}", i);
        }
        Spool.shutdown(Duration.ofSeconds(10));
        Ledger last = sink.ledgers().get(sink.ledgers().size() - 1).ledger();
        assertThat(last.failed()).isEqualTo(sink.failures).isEqualTo(25);
        assertThat(last.sent()).isEqualTo(sink.events.get()).isEqualTo(75);
    }

    @Test
    void aZeroIntervalTurnsLedgersOffEvenAtShutdown() {
        LedgerSink sink = new LedgerSink();
        Spool.configure(config(sink, 1024, OverflowPolicy.BLOCK, Duration.ZERO).build());
        Spool.logger("app").info("one");
        Spool.shutdown(Duration.ofSeconds(10));
        assertThat(sink.events.get()).isEqualTo(1);
        assertThat(sink.ledgers()).isEmpty();
    }

    @Test
    void theJsonFormatWritesALedgerAsOneLineWithItsOwnMembers() {
        Ledger ledger = new Ledger("ABCDEFGH", 1_000L, "main", "db", 2_000L, 10, 2,
                java.util.Map.of("queue_full", 3L, "after_shutdown", 1L), "0000000Z", true);
        LogEvent event = new LogEvent() {
            @Override public long idHigh() { return EventId.high(2); }
            @Override public long idLow() { return EventId.nextLow(); }
            @Override public long timestampMicros() { return 2_000L; }
            @Override public Level level() { return Level.INFO; }
            @Override public String logger() { return "spool.ledger"; }
            @Override public String threadName() { return "w"; }
            @Override public long threadId() { return 1; }
            @Override public CharSequence message() { return "ledger db"; }
            @Override public int fieldCount() { return 0; }
            @Override public String fieldKey(int index) { return null; }
            @Override public Object fieldValue(int index) { return null; }
            @Override public ContextMap context() { return ContextMap.EMPTY; }
            @Override public Throwable throwable() { return null; }
            @Override public Resource resource() { return new Resource("svc", "h", 7); }
            @Override public EventKind kind() { return EventKind.LEDGER; }
            @Override public Ledger ledger() { return ledger; }
        };
        ByteBuilder out = new ByteBuilder(256);
        JsonFormat.of().format(event, out);
        String line = new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
        assertThat(line).endsWith("}\n").doesNotContain("\n{")
                .contains(",\"kind\":\"ledger\",\"ledger\":{\"node\":\"ABCDEFGH\",\"start_us\":1000,\"pipeline\":\"main\","
                        + "\"destination\":\"db\",\"at_us\":2000,\"sent\":10,\"failed\":2,"
                        + "\"dropped\":{\"after_shutdown\":1,\"queue_full\":3},\"last_counter\":\"0000000Z\",\"final\":true}");
    }
}
