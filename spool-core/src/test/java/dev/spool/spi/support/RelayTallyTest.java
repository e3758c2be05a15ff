package dev.spool.spi.support;

import dev.spool.EventId;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;
import dev.spool.spi.support.RelayTally.Count;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The counts relays keep per upstream producer, and the ledger events made of them. */
class RelayTallyTest {

    @Test
    void theNodeOfAnIdIsTheProcessThatMadeIt() {
        long high = EventId.high(System.currentTimeMillis());
        long low = EventId.nextLow();
        long node = RelayTally.node(high, low);
        assertThat(RelayTally.nodeText(node)).isEqualTo(EventId.nodeText(high, low)).isEqualTo(EventId.localNodeText());
        assertThat(RelayTally.node(EventId.high(EventId.epochMillis(high) + 86_400_000L), EventId.nextLow())).as("time and counter are not the node")
                .isEqualTo(node);
    }

    @Test
    void countsEachProducerApartAndMakesOneLedgerPerProducerAndOneForTheRelay() {
        RelayTally tally = new RelayTally();
        tally.add(5L, Count.RECEIVED, 3);
        tally.add(9L, Count.RECEIVED, 1);
        tally.add(5L, Count.RECEIVED, 2); // back to a producer counted before the last one
        tally.add(5L, Count.DUPLICATES, 1);
        tally.add(5L, Count.WRITTEN, 4);
        tally.addRelayWide(Count.REJECTED, 7);
        RelayTally other = new RelayTally();
        other.add(9L, Count.WRITTEN, 1);
        other.addRelayWide(Count.REJECTED, 1);
        tally.addAll(other);

        List<LogEvent> events = tally.ledgers("collector", "main", 1_000, new Resource("relay", "h", 3), true);
        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.LEDGER);
            assertThat(e.ledger().node()).isEqualTo(EventId.localNodeText());
            assertThat(e.ledger().last()).isTrue();
            assertThat(e.resource().service()).isEqualTo("relay");
        });
        assertThat(events).extracting(e -> e.ledger().relay()).containsExactly(
                new Ledger.Relay("collector", RelayTally.nodeText(5), 5, 4, 1, 0, 0, 0),
                new Ledger.Relay("collector", RelayTally.nodeText(9), 1, 1, 0, 0, 0, 0),
                new Ledger.Relay("collector", "", 0, 0, 0, 0, 0, 8));
        assertThat(events.get(0).message().toString()).isEqualTo("ledger collector from " + RelayTally.nodeText(5)
                + ": received 5, written 4, duplicates 1, failed 0, dead-lettered 0, rejected 0 (final)");
    }

    @Test
    void aClearedTallyCountsAgainFromZero() {
        RelayTally tally = new RelayTally();
        tally.add(5L, Count.WRITTEN, 3);
        tally.clear();
        assertThat(tally.nodes()).isEmpty();
        tally.add(5L, Count.WRITTEN, 1);
        assertThat(tally.get(5L, Count.WRITTEN)).isEqualTo(1);
    }
}
