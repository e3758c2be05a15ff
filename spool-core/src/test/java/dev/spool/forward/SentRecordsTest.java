package dev.spool.forward;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentRecordsTest {

    private final List<String> released = new ArrayList<>();
    private final SentRecords.Release release = (key, end, lines) -> released.add(key + ".." + end + ":" + lines);

    /** Two queue records (3 and 2 lines) and a memory batch (4 lines). */
    private static void sendAll(SentRecords sent, int firstSkip) {
        sent.sent(0, 100, 3, firstSkip);
        sent.sent(100, 160, 2, 0);
        sent.sent(SentRecords.memoryKey(7), -1, 4, 0);
    }

    @Test
    void releasesABatchOnlyOnceAllItsLinesAreAcknowledgedOldestFirst() throws IOException {
        SentRecords sent = new SentRecords();
        sendAll(sent, 0);
        sent.acknowledge(2, release);
        assertThat(released).isEmpty();
        sent.acknowledge(4, release);
        assertThat(released).containsExactly("0..100:3");
        assertThat(sent.oldestKey()).isEqualTo(100);
        assertThat(sent.oldestAckedLines()).isEqualTo(1);
        sent.acknowledge(9, release);
        assertThat(released).containsExactly("0..100:3", "100..160:2", SentRecords.memoryKey(7) + "..-1:4");
        assertThat(sent.isEmpty()).isTrue();
    }

    @Test
    void countsLinesAcknowledgedOnAnEarlierConnectionWhenTheResendSkipsThem() throws IOException {
        SentRecords sent = new SentRecords();
        sendAll(sent, 0);
        sent.acknowledge(2, release); // two of the first record's three lines, then the connection is lost
        int skip = sent.oldestAckedLines();
        assertThat(skip).isEqualTo(2);

        sent.reset();
        sendAll(sent, skip); // the new connection counts from zero and sends one line of the first record
        assertThat(sent.oldestAckedLines()).isEqualTo(2);
        sent.acknowledge(1, release);
        assertThat(released).containsExactly("0..100:3");
    }

    @Test
    void aMemoryBatchMovedToTheQueueIsReleasedAsItsRecord() throws IOException {
        SentRecords sent = new SentRecords();
        sendAll(sent, 0);
        sent.moved(SentRecords.memoryKey(7), 160, 250);
        sent.acknowledge(9, release);
        assertThat(released).last().isEqualTo("160..250:4");
    }

    @Test
    void memoryKeysNeverEqualAQueuePosition() {
        assertThat(SentRecords.memoryKey(0)).isNegative();
        assertThat(SentRecords.memoryKey(Long.MAX_VALUE)).isNegative();
    }

    @Test
    void growsPastItsInitialCapacity() {
        SentRecords sent = new SentRecords();
        for (int i = 0; i < 200; i++) {
            sent.sent(i * 10L, i * 10L + 10, 1, 0);
        }
        assertThat(sent.oldestKey()).isZero();
        sent.reset();
        assertThat(sent.isEmpty()).isTrue();
    }
}
