package dev.spool.forward;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.durable.DurableQueue;
import dev.spool.spi.durable.QueueSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentRecordsTest {

    @TempDir
    Path dir;
    private DurableQueue queue;
    private final List<long[]> records = new ArrayList<>(); // start, end, lines

    @BeforeEach
    void fill() throws IOException {
        queue = DurableQueue.open(new QueueSettings(dir, 1 << 20, 1 << 16, Duration.ofSeconds(1),
                QueueSettings.WhenFull.BLOCK, Duration.ZERO));
        for (int lines : new int[] {3, 2, 4}) {
            ByteBuilder b = new ByteBuilder(64);
            for (int i = 0; i < lines; i++) {
                b.appendAscii("{}\n");
            }
            long start = queue.appendedPosition();
            queue.append(b, lines);
            records.add(new long[] {start, queue.appendedPosition(), lines});
        }
    }

    @AfterEach
    void close() throws IOException {
        queue.close();
    }

    private void sendAll(SentRecords sent, int firstSkip) {
        for (int i = 0; i < records.size(); i++) {
            long[] r = records.get(i);
            sent.sent(r[0], r[1], (int) r[2], i == 0 ? firstSkip : 0);
        }
    }

    @Test
    void commitsARecordOnlyOnceAllItsLinesAreAcknowledged() throws IOException {
        SentRecords sent = new SentRecords();
        sendAll(sent, 0);
        sent.acknowledge(2, queue);
        assertThat(queue.committedPosition()).isZero();
        sent.acknowledge(4, queue);
        assertThat(queue.committedPosition()).isEqualTo(records.get(0)[1]);
        assertThat(queue.pendingEvents()).isEqualTo(6);
        assertThat(sent.oldestStart()).isEqualTo(records.get(1)[0]);
        assertThat(sent.oldestAckedLines()).isEqualTo(1);
        sent.acknowledge(9, queue);
        assertThat(sent.isEmpty()).isTrue();
        assertThat(queue.pendingEvents()).isZero();
    }

    @Test
    void countsLinesAcknowledgedOnAnEarlierConnectionWhenTheResendSkipsThem() throws IOException {
        SentRecords sent = new SentRecords();
        sendAll(sent, 0);
        sent.acknowledge(2, queue); // two of the first record's three lines, then the connection is lost
        int skip = sent.oldestAckedLines();
        assertThat(skip).isEqualTo(2);

        sent.reset();
        sendAll(sent, skip); // the new connection counts from zero and gets one line of the first record
        assertThat(sent.oldestAckedLines()).isEqualTo(2);
        sent.acknowledge(1, queue);
        assertThat(queue.committedPosition()).isEqualTo(records.get(0)[1]);
        sent.acknowledge(7, queue);
        assertThat(queue.pendingEvents()).isZero();
    }

    @Test
    void growsPastItsInitialCapacity() throws IOException {
        SentRecords sent = new SentRecords();
        for (int i = 0; i < 200; i++) {
            sent.sent(i * 10L, i * 10L + 10, 1, 0);
        }
        assertThat(sent.oldestStart()).isZero();
        sent.reset();
        assertThat(sent.isEmpty()).isTrue();
    }
}
