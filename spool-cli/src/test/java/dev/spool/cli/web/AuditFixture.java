package dev.spool.cli.web;

import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.store.StoreWriter;
import dev.spool.testkit.TestEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Three producer instances for the Audit panel's tests, their events and ledgers written straight into a
 * store as a collector or consumer stores them (docs/audit.md): one shut down cleanly after dropping a few
 * events, one that vanished two hours ago with hostile service and host names, one still running with
 * events newer than its latest ledger. {@link #deleteGap} then takes rows of the vanished one away.
 */
final class AuditFixture {

    static final String HOSTILE_SERVICE = "<img src=x onerror=\"document.title='pwned'\">";
    static final String HOSTILE_HOST = "</td><script>document.title='pwned'</script>";

    /** Shut down cleanly half an hour ago: 60 events stored, 3 dropped at the source (queue full), final ledger. */
    static final Instance CLOSED = new Instance(0x11_2233_4455L, "shop", "web-1", 101, 60, 60, 0);
    /** Vanished two hours ago: 40 events, 2 refused by the destination; its ledger is not final. */
    static final Instance VANISHED = new Instance(0x66_7788_99AAL, HOSTILE_SERVICE, HOSTILE_HOST, 202, 40, 40, 2);
    /** Running: 30 events stored, of which its latest ledger (a second old) counts 25. */
    static final Instance RUNNING = new Instance(0xBB_CCDD_EEFFL, "billing", "web-2", 303, 30, 25, 0);
    /** Rows {@link #deleteGap} deletes. */
    static final int DELETED = 7;
    static final String DESTINATION = "db";

    private static final long FIRST_COUNTER = 1_000;
    private static final long HOUR_MICROS = 3_600_000_000L;

    /**
     * One producing process.
     *
     * @param node    its 40 node bits
     * @param events  events stored
     * @param counted events its latest ledger counts (the first ones)
     */
    record Instance(long node, String service, String host, long pid, int events, int counted, long failed) {

        /** The 8 characters of its ids that name it. */
        String nodeText() {
            return EventId.nodeText(high(0), low(0));
        }

        long high(long epochMillis) {
            return epochMillis << 16 | node >>> 24;
        }

        long low(long counter) {
            return (node & 0xFF_FFFFL) << 40 | counter;
        }
    }

    private AuditFixture() {
    }

    /** Writes the three instances' events and ledgers, made up to {@code nowMicros}. */
    static void write(StoreWriter writer, long nowMicros) {
        List<LogEvent> batch = new ArrayList<>();
        add(batch, CLOSED, nowMicros - HOUR_MICROS / 2, Map.of("queue_full", 3L), true);
        add(batch, VANISHED, nowMicros - 2 * HOUR_MICROS, Map.of(), false);
        add(batch, RUNNING, nowMicros - 1_000_000L, Map.of(), false);
        writer.write(batch);
    }

    private static void add(List<LogEvent> batch, Instance in, long ledgerMicros, Map<String, Long> dropped, boolean last) {
        Resource resource = new Resource(in.service(), in.host(), in.pid());
        long start = ledgerMicros - 60_000_000L;
        for (int i = 0; i < in.events(); i++) {
            long ts = start + i * 1_000L;
            batch.add(TestEvent.event().id(in.high(ts / 1_000), in.low(FIRST_COUNTER + i)).timestampMicros(ts)
                    .logger("app.orders").message("order " + i).resource(resource));
        }
        Ledger ledger = new Ledger(in.nodeText(), start, "main", DESTINATION, ledgerMicros, in.counted(), in.failed(),
                dropped, EventId.counterText(FIRST_COUNTER + in.counted() - 1), last);
        batch.add(TestEvent.event().id(in.high(ledgerMicros / 1_000), in.low(FIRST_COUNTER + in.events()))
                .timestampMicros(ledgerMicros).resource(resource).ledger(ledger));
    }

    /** A collector process that relayed {@link #CLOSED}'s events, all of them received and written. */
    static final Instance COLLECTOR = new Instance(0xCC_0000_0C01L, "collector", "gw-1", 404, 0, 0, 0);

    /** Writes {@link #COLLECTOR}'s final relay ledger for {@link #CLOSED}, made just before {@code nowMicros}. */
    static void writeRelay(StoreWriter writer, long nowMicros) {
        long at = nowMicros - 2_000_000L;
        Ledger ledger = new Ledger(COLLECTOR.nodeText(), at - 60_000_000L, "collector", DESTINATION, at, 0, 0,
                Map.of(), "", true, new Ledger.Relay("collector", CLOSED.nodeText(), CLOSED.events(), CLOSED.events(),
                        0, 0, 0, 0));
        writer.write(List.of(TestEvent.event().id(COLLECTOR.high(at / 1_000), COLLECTOR.low(FIRST_COUNTER))
                .timestampMicros(at).resource(new Resource(COLLECTOR.service(), COLLECTOR.host(), COLLECTOR.pid()))
                .ledger(ledger)));
    }

    /** The statement that deletes {@link #DELETED} rows the vanished instance's ledger counted (SQLite and PostgreSQL). */
    static String deleteGap() {
        return "DELETE FROM logs WHERE event_id IN (SELECT event_id FROM logs WHERE substr(event_id, 11, 8) = '"
                + VANISHED.nodeText() + "' ORDER BY event_id LIMIT " + DELETED + ")";
    }
}
