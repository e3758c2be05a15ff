package dev.spool.amqp.spool;

import dev.spool.spi.ByteBuilder;
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

class DiskSpoolTest {

    private static final byte[] KEY = "svc.INFO".getBytes(StandardCharsets.UTF_8);
    private static final long SEGMENT = 4096;

    @TempDir
    Path dir;

    private DiskSpool open(long maxBytes, SpoolFullPolicy policy) throws IOException {
        return DiskSpool.open(dir, maxBytes, SEGMENT, Duration.ofMillis(200), policy, Duration.ofMillis(50));
    }

    private static ByteBuilder body(int n) {
        ByteBuilder b = new ByteBuilder(64);
        b.appendAscii("{\"n\":").appendDecimal(n).appendAscii("}\n");
        return b;
    }

    /** Appends records 0..count-1, each holding one event, and returns the ends of each record. */
    private static List<Long> append(DiskSpool spool, int from, int count) throws IOException {
        List<Long> ends = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            assertThat(spool.append(KEY, 1, body(i))).isTrue();
            ends.add(spool.appendedPosition());
        }
        return ends;
    }

    private static List<String> readAll(DiskSpool spool, long from) throws IOException {
        List<String> bodies = new ArrayList<>();
        try (SpoolReader r = spool.reader()) {
            r.seek(from);
            while (r.next()) {
                assertThat(r.routingKey()).isEqualTo("svc.INFO");
                bodies.add(new String(r.body(), StandardCharsets.UTF_8).trim());
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
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                append(spool, 0, 500); // ~30 bytes each: several 4 KB segments
                assertThat(readAll(spool, spool.committedPosition())).isEqualTo(expected(0, 500));
                assertThat(spool.pendingEvents()).isEqualTo(500);
            }
        }

        @Test
        void reopenedSpoolResumesAfterTheCommittedPosition() throws IOException {
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                List<Long> ends = append(spool, 0, 300);
                spool.commit(ends.get(199), 200);
            }
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                assertThat(spool.pendingEvents()).isEqualTo(100);
                assertThat(readAll(spool, spool.committedPosition())).isEqualTo(expected(200, 300));
                append(spool, 300, 10);
                assertThat(readAll(spool, spool.committedPosition())).isEqualTo(expected(200, 310));
            }
        }

        @Test
        void deletesSegmentsOnceWhollyCommitted() throws IOException {
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                List<Long> ends = append(spool, 0, 500);
                long before = segmentFiles();
                spool.commit(ends.get(499), 500);
                assertThat(before).isGreaterThan(1);
                assertThat(segmentFiles()).isEqualTo(1);
                assertThat(spool.pendingEvents()).isZero();
            }
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() throws IOException {
        try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
            assertThatThrownBy(() -> open(1 << 20, SpoolFullPolicy.BLOCK)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
            assertThat(spool.pendingEvents()).isZero();
        }
        open(1 << 20, SpoolFullPolicy.BLOCK).close(); // released on close
    }

    @Test
    void persistsTheCommittedPositionAtTheNextSync() throws IOException {
        try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
            List<Long> ends = append(spool, 0, 10);
            spool.commit(ends.get(4), 5);
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                spool.syncIfDue();
                return committedOnDisk() == ends.get(4);
            });
        }
    }

    private long committedOnDisk() throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve("committed"));
        return b.length < 8 ? -1 : java.nio.ByteBuffer.wrap(b).getLong(0);
    }

    @Nested
    class WhenFull {

        @Test
        void blockPolicyRefusesAfterTheTimeoutAndCountsIt() throws IOException {
            try (DiskSpool spool = open(2 * SEGMENT, SpoolFullPolicy.BLOCK)) {
                int accepted = 0;
                while (spool.append(KEY, 1, body(accepted))) {
                    accepted++;
                }
                assertThat(spool.blockedAppends()).isEqualTo(1);
                assertThat(spool.pendingEvents()).isEqualTo(accepted);
                assertThat(readAll(spool, 0)).isEqualTo(expected(0, accepted));
            }
        }

        @Test
        void blockPolicyAcceptsAgainOnceACommitReleasesASegment() throws IOException {
            try (DiskSpool spool = open(2 * SEGMENT, SpoolFullPolicy.BLOCK)) {
                List<Long> ends = new ArrayList<>();
                while (spool.append(KEY, 1, body(ends.size()))) {
                    ends.add(spool.appendedPosition());
                }
                spool.commit(ends.get(ends.size() - 1), ends.size());
                assertThat(spool.append(KEY, 1, body(9999))).isTrue();
            }
        }

        @Test
        void dropOldestDeletesTheOldestSegmentAndCountsItsEvents() throws IOException {
            try (DiskSpool spool = open(2 * SEGMENT, SpoolFullPolicy.DROP_OLDEST)) {
                append(spool, 0, 1000);
                assertThat(spool.droppedEvents()).isPositive();
                assertThat(spool.diskBytes()).isLessThanOrEqualTo(2 * SEGMENT);
                List<String> left = readAll(spool, spool.committedPosition());
                assertThat(left).hasSize((int) (1000 - spool.droppedEvents()));
                assertThat(left).isEqualTo(expected((int) spool.droppedEvents(), 1000));
                assertThat(spool.pendingEvents()).isEqualTo(left.size());
            }
        }
    }

    @Nested
    class Damage {

        @Test
        void tornTailIsSkippedAndReportedAndTheRecordsBeforeItKept() throws IOException {
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                append(spool, 0, 50);
            }
            Path last = lastSegment();
            long size = Files.size(last);
            try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
                f.setLength(size - 7); // killed in the middle of the last append
            }
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                assertThat(spool.corruptRegions()).isEqualTo(1);
                assertThat(spool.corruptBytes()).isPositive();
                append(spool, 100, 5);
                List<String> all = readAll(spool, spool.committedPosition());
                List<String> want = expected(0, 49);
                want.addAll(expected(100, 105));
                assertThat(all).isEqualTo(want);
            }
        }

        @Test
        void damagedRecordInTheMiddleIsSkippedAndTheRecordsOnBothSidesKept() throws IOException {
            List<Long> ends;
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                ends = append(spool, 0, 20);
            }
            Path seg = lastSegment();
            try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
                f.seek(ends.get(9) + 20); // inside record 10's payload
                f.write('X');
            }
            try (DiskSpool spool = open(1 << 20, SpoolFullPolicy.BLOCK)) {
                List<String> want = expected(0, 10);
                want.addAll(expected(11, 20));
                assertThat(readAll(spool, spool.committedPosition())).isEqualTo(want);
                assertThat(spool.corruptRegions()).isEqualTo(1);
                assertThat(spool.pendingEvents()).isEqualTo(19);
            }
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
