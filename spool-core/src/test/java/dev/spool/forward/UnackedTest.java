package dev.spool.forward;

import dev.spool.spi.ByteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnackedTest {

    @TempDir
    Path dir;

    private static ByteBuilder line(int i) {
        return new ByteBuilder(32).appendAscii("line-" + i + "\n");
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line-" + i).collect(Collectors.toList());
    }

    /** Everything from the send position on, as lines. */
    private static List<String> drain(Unacked unacked) throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteBuffer chunk;
        while ((chunk = unacked.nextChunk()) != null) {
            int n = chunk.remaining();
            sent.write(chunk.array(), chunk.arrayOffset() + chunk.position(), n);
            unacked.sent(n);
        }
        return sent.toString(StandardCharsets.US_ASCII).lines().collect(Collectors.toList());
    }

    @Test
    void sendsMemoryThenSpillInOrderAndAgainAfterRewind() throws IOException {
        Path spill = dir.resolve("x.spill");
        try (Unacked unacked = new Unacked(100, spill, 1 << 20)) {
            for (int i = 0; i < 50; i++) {
                unacked.append(line(i));
            }
            assertThat(spill).exists();
            assertThat(drain(unacked)).containsExactlyElementsOf(lines(0, 50));
            unacked.acknowledge(20); // the memory part and some of the spill
            assertThat(unacked.firstSeq()).isEqualTo(20);
            unacked.rewind();
            assertThat(drain(unacked)).containsExactlyElementsOf(lines(20, 50));
            unacked.acknowledge(30);
            assertThat(unacked.isEmpty()).isTrue();
            assertThat(Files.size(spill)).isZero();
        }
        assertThat(spill).doesNotExist();
    }

    @Test
    void keepsAddingToTheSpillUntilItIsAcknowledgedSoOrderHolds() throws IOException {
        try (Unacked unacked = new Unacked(40, dir.resolve("y.spill"), 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                unacked.append(line(i));
            }
            unacked.acknowledge(5); // memory has room again, but later lines must not overtake the spill
            for (int i = 10; i < 15; i++) {
                unacked.append(line(i));
            }
            unacked.rewind();
            assertThat(drain(unacked)).containsExactlyElementsOf(lines(5, 15));
        }
    }

    @Test
    void refusesALineWhenTheSpillIsFull() throws IOException {
        try (Unacked unacked = new Unacked(10, dir.resolve("z.spill"), 20)) {
            unacked.append(line(1));
            unacked.append(line(2));
            unacked.append(line(3));
            assertThatThrownBy(() -> unacked.append(line(4))).isInstanceOf(dev.spool.sink.SinkOverflowException.class);
            assertThat(unacked.size()).isEqualTo(3);
            unacked.acknowledge(3);
        }
    }

    @Test
    void leavesWhatIsUnacknowledgedInTheSpillForTheNextProcessWhichSendsItFirst() throws IOException {
        Path spill = dir.resolve("keep.spill");
        Unacked first = new Unacked(1 << 20, spill, 1 << 20);
        for (int i = 0; i < 10; i++) {
            first.append(line(i));
        }
        first.acknowledge(4);
        first.close();
        Files.write(spill, "torn-li".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);

        try (Unacked next = new Unacked(1 << 20, spill, 1 << 20)) {
            next.append(line(10));
            next.rewind();
            assertThat(drain(next)).containsExactlyElementsOf(lines(4, 11));
            next.acknowledge(7);
        }
    }
}
