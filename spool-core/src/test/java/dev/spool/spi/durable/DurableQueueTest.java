package dev.spool.spi.durable;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.durable.QueueSettings.WhenFull;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DurableQueueTest {

    private static final long SEGMENT = 4096;

    @TempDir
    Path dir;

    private DurableQueue open(long maxBytes, WhenFull policy) throws IOException {
        return DurableQueue.open(new QueueSettings(dir, maxBytes, SEGMENT, Duration.ofMillis(200), policy,
                Duration.ofMillis(50)));
    }

    private static ByteBuilder body(int n) {
        ByteBuilder b = new ByteBuilder(64);
        b.appendAscii("{\"n\":").appendDecimal(n).appendAscii("}\n");
        return b;
    }

    /** Appends records 0..count-1, each holding one event, and returns the ends of each record. */
    private static List<Long> append(DurableQueue queue, int from, int count) throws IOException {
        List<Long> ends = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            assertThat(queue.append(body(i), 1)).isTrue();
            ends.add(queue.appendedPosition());
        }
        return ends;
    }

    private static List<String> readAll(DurableQueue queue, long from) throws IOException {
        List<String> bodies = new ArrayList<>();
        try (DurableQueue.Reader r = queue.reader()) {
            r.seek(from);
            while (r.next()) {
                assertThat(r.events()).isEqualTo(1);
                bodies.add(StandardCharsets.UTF_8.decode(r.payload()).toString().trim());
            }
        }
        return bodies;
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("{\"n\":" + i + "}");
        }
        return out;
    }

    @Nested
    class ReadingAndCommitting {

        @Test
        void readsRecordsInAppendOrderAcrossSegments() throws IOException {
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                append(queue, 0, 500); // ~30 bytes each: several 4 KB segments
                assertThat(readAll(queue, queue.committedPosition())).isEqualTo(expected(0, 500));
                assertThat(queue.pendingEvents()).isEqualTo(500);
            }
        }

        @Test
        void reopenedQueueResumesAfterTheCommittedPosition() throws IOException {
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                List<Long> ends = append(queue, 0, 300);
                queue.commit(ends.get(199), 200);
            }
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                assertThat(queue.pendingEvents()).isEqualTo(100);
                assertThat(readAll(queue, queue.committedPosition())).isEqualTo(expected(200, 300));
                append(queue, 300, 10);
                assertThat(readAll(queue, queue.committedPosition())).isEqualTo(expected(200, 310));
            }
        }

        @Test
        void deletesSegmentsOnceWhollyCommitted() throws IOException {
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                List<Long> ends = append(queue, 0, 500);
                long before = segmentFiles();
                queue.commit(ends.get(499), 500);
                assertThat(before).isGreaterThan(1);
                assertThat(segmentFiles()).isEqualTo(1);
                assertThat(queue.pendingEvents()).isZero();
            }
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() throws IOException {
        try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
            assertThatThrownBy(() -> open(1 << 20, WhenFull.BLOCK)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
            assertThat(queue.pendingEvents()).isZero();
        }
        open(1 << 20, WhenFull.BLOCK).close(); // released on close
    }

    @Test
    void persistsTheCommittedPositionAtTheNextSync() throws IOException {
        try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
            List<Long> ends = append(queue, 0, 10);
            queue.commit(ends.get(4), 5);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                queue.syncIfDue();
                return committedOnDisk() == ends.get(4);
            });
        }
    }

    private long committedOnDisk() throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve("committed"));
        return b.length < 8 ? -1 : java.nio.ByteBuffer.wrap(b).getLong(0);
    }

    @Nested
    class AtTheBound {

        @Test
        void blockPolicyRefusesAfterTheTimeoutAndCountsIt() throws IOException {
            try (DurableQueue queue = open(2 * SEGMENT, WhenFull.BLOCK)) {
                int accepted = 0;
                while (queue.append(body(accepted), 1)) {
                    accepted++;
                }
                assertThat(queue.blockedAppends()).isEqualTo(1);
                assertThat(queue.pendingEvents()).isEqualTo(accepted);
                assertThat(readAll(queue, 0)).isEqualTo(expected(0, accepted));
            }
        }

        @Test
        void blockPolicyAcceptsAgainOnceACommitReleasesASegment() throws IOException {
            try (DurableQueue queue = open(2 * SEGMENT, WhenFull.BLOCK)) {
                List<Long> ends = new ArrayList<>();
                while (queue.append(body(ends.size()), 1)) {
                    ends.add(queue.appendedPosition());
                }
                queue.commit(ends.get(ends.size() - 1), ends.size());
                assertThat(queue.append(body(9999), 1)).isTrue();
            }
        }

        @Test
        void dropOldestDeletesTheOldestSegmentAndCountsItsEvents() throws IOException {
            try (DurableQueue queue = open(2 * SEGMENT, WhenFull.DROP_OLDEST)) {
                append(queue, 0, 1000);
                assertThat(queue.droppedEvents()).isPositive();
                assertThat(queue.diskBytes()).isLessThanOrEqualTo(2 * SEGMENT);
                List<String> left = readAll(queue, queue.committedPosition());
                assertThat(left).hasSize((int) (1000 - queue.droppedEvents()));
                assertThat(left).isEqualTo(expected((int) queue.droppedEvents(), 1000));
                assertThat(queue.pendingEvents()).isEqualTo(left.size());
            }
        }
    }

    @Nested
    class Damage {

        @Test
        void tornTailIsSkippedAndReportedAndTheRecordsBeforeItKept() throws IOException {
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                append(queue, 0, 50);
            }
            Path last = lastSegment();
            long size = Files.size(last);
            try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
                f.setLength(size - 7); // killed in the middle of the last append
            }
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                assertThat(queue.corruptRegions()).isEqualTo(1);
                assertThat(queue.corruptBytes()).isPositive();
                append(queue, 100, 5);
                List<String> all = readAll(queue, queue.committedPosition());
                List<String> want = expected(0, 49);
                want.addAll(expected(100, 105));
                assertThat(all).isEqualTo(want);
            }
        }

        @Test
        void damagedRecordInTheMiddleIsSkippedAndTheRecordsOnBothSidesKept() throws IOException {
            List<Long> ends;
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                ends = append(queue, 0, 20);
            }
            Path seg = lastSegment();
            try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                f.seek(ends.get(9) + 20); // inside record 10's payload
                f.write('X');
            }
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                List<String> want = expected(0, 10);
                want.addAll(expected(11, 20));
                assertThat(readAll(queue, queue.committedPosition())).isEqualTo(want);
                assertThat(queue.corruptRegions()).isEqualTo(1);
                assertThat(queue.pendingEvents()).isEqualTo(19);
            }
        }
    }

    @Nested
    class Syncing {

        private DurableQueue openSyncingEvery(Duration interval) throws IOException {
            return DurableQueue.open(new QueueSettings(dir, 1 << 20, SEGMENT, interval, WhenFull.BLOCK, Duration.ZERO));
        }

        @Test
        void forcesNothingBeforeTheIntervalHasPassed() throws IOException {
            try (DurableQueue queue = openSyncingEvery(Duration.ofHours(1))) {
                List<Long> ends = append(queue, 0, 10);
                queue.commit(ends.get(4), 5);
                queue.syncIfDue();
                assertThat(queue.syncs()).isZero();
                assertThat(committedOnDisk()).isEqualTo(-1);
            }
            assertThat(committedOnDisk()).isPositive(); // close persists it whatever the interval
        }

        @Test
        void forcesAppendedDataOnceTheIntervalHasPassedAndOnlyWhenThereIsSomething() throws IOException {
            try (DurableQueue queue = openSyncingEvery(Duration.ofMillis(20))) {
                append(queue, 0, 3);
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    queue.syncIfDue();
                    return queue.syncs() == 1;
                });
                long start = System.nanoTime();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    queue.syncIfDue();
                    return System.nanoTime() - start > 100_000_000L;
                });
                assertThat(queue.syncs()).isEqualTo(1); // nothing new was appended
            }
        }
    }

    @Nested
    class SyncingSealedSegments {

        @Test
        void forcesSealedSegmentsAtTheNextSyncButNotOnesDeliveredBefore() throws IOException {
            try (DurableQueue queue = DurableQueue.open(new QueueSettings(dir, 1 << 20, SEGMENT, Duration.ZERO,
                    WhenFull.BLOCK, Duration.ZERO))) {
                List<Long> ends = append(queue, 0, 500);
                queue.commit(ends.get(499), 500); // every sealed segment delivered: only the active one is forced
                queue.syncIfDue();
                assertThat(queue.syncs()).isEqualTo(1);

                append(queue, 500, 500);
                long sealed = segmentFiles() - 1;
                assertThat(sealed).isPositive();
                queue.syncIfDue();
                assertThat(queue.syncs()).isEqualTo(1 + sealed + 1);
                assertThat(readAll(queue, queue.committedPosition())).isEqualTo(expected(500, 1000));
            }
        }
    }

    @Nested
    class Bounds {

        @Test
        void refusesAPayloadLargerThanHalfTheQueue() throws IOException {
            try (DurableQueue queue = open(2 * SEGMENT, WhenFull.BLOCK)) {
                ByteBuilder big = new ByteBuilder(8192).repeat((byte) 'x', (int) queue.maxPayloadBytes() + 1);
                assertThatThrownBy(() -> queue.append(big, 1)).isInstanceOf(IllegalArgumentException.class);
                assertThat(queue.pendingBytes()).isZero();
            }
        }

        @Test
        void roomBytesSaysHowLargeAnAppendCanBeWithoutWaiting() throws IOException {
            try (DurableQueue queue = open(2 * SEGMENT, WhenFull.BLOCK)) {
                int accepted = 0;
                while (queue.roomBytes() >= body(accepted).length()) {
                    assertThat(queue.append(body(accepted), 1)).isTrue();
                    accepted++;
                }
                assertThat(queue.append(body(accepted), 1)).isFalse();
                assertThat(queue.diskBytes()).isLessThanOrEqualTo(2 * SEGMENT);
                assertThat(queue.roomBytes()).isLessThan(body(accepted).length());
            }
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void aDamagedCommittedFileMeansEverythingIsReadAgainNeverSkipped() throws IOException {
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                List<Long> ends = append(queue, 0, 30);
                queue.commit(ends.get(9), 10);
            }
            Files.write(dir.resolve("committed"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                assertThat(readAll(queue, queue.committedPosition())).isEqualTo(expected(0, 30));
            }
        }

        @Test
        void keepsItsIdAcrossReopens() throws IOException {
            String id;
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                id = queue.id();
            }
            try (DurableQueue queue = open(1 << 20, WhenFull.BLOCK)) {
                assertThat(queue.id()).isEqualTo(id).isNotBlank();
            }
        }

        @Test
        void closeAndDeleteIfEmptyRemovesADrainedQueueAndKeepsOneWithRecords() throws IOException {
            DurableQueue queue = open(1 << 20, WhenFull.BLOCK);
            List<Long> ends = append(queue, 0, 10);
            queue.commit(ends.get(8), 9);
            assertThat(queue.closeAndDeleteIfEmpty()).isFalse();
            assertThat(dir).exists();
            queue = open(1 << 20, WhenFull.BLOCK);
            assertThat(readAll(queue, queue.committedPosition())).isEqualTo(expected(9, 10));
            queue.commit(queue.appendedPosition(), 1);
            assertThat(queue.closeAndDeleteIfEmpty()).isTrue();
            assertThat(dir).doesNotExist();
        }
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).filter(p -> p.toFile().length() > 0)
                    .sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
