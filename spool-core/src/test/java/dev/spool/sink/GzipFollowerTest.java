package dev.spool.sink;

import dev.spool.internal.deflate.FastDeflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass(name = "level {0} (0: Spool's own encoder)")
@ValueSource(ints = {ChunkDeflater.FAST, 1})
class GzipFollowerTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    private final int level;
    private final ChunkDeflater deflater;

    GzipFollowerTest(int level) {
        this.level = level;
        this.deflater = new ChunkDeflater(level, 2);
    }

    /** The size of {@code text} gzipped as one stream by zlib at level 1. */
    private static long oneZlibStream(byte[] text) throws IOException {
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(single) {
            {
                def.setLevel(1);
            }
        }) {
            out.write(text);
        }
        return single.size();
    }

    /** The size of {@code text} gzipped as one stream by the fast encoder (10 bytes of header, 8 of trailer). */
    private static long oneFastStream(byte[] text) {
        FastDeflater fast = new FastDeflater();
        fast.start(text, 0, 0);
        fast.compress(text.length, true);
        return 10 + fast.finish().length + ChunkDeflater.FINAL_BLOCK.length + 8;
    }

    @AfterEach
    void closeDeflater() {
        deflater.close();
    }

    /** Log-like text: repetitive, with a counter, so matches cross every chunk boundary. */
    private static byte[] logText(int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("{\"level\":\"INFO\",\"logger\":\"app.orders\",\"message\":\"order ").append(i * 7919 % 100_003)
                    .append(" shipped\",\"seq\":").append(i).append("}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private GzipFollower follow(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return new GzipFollower(FileChannel.open(file, StandardOpenOption.READ), key, GzipFollower.partialOf(file),
                deflater, CHUNK, 3);
    }

    private static byte[] gunzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void compressesAFileWhileItGrowsIntoOneGzipOfAllItsBytes() throws IOException {
        byte[] text = logText(40_000); // about 3 MB: dozens of chunks, the last one partial
        Path active = dir.resolve("app.log");
        Files.write(active, new byte[0]);
        GzipFollower follower = follow(active);
        int written = 0;
        for (int piece : new int[] {10_000, 300_000, 5, 1_000_000}) {
            Files.write(active, Arrays.copyOfRange(text, written, written + piece), StandardOpenOption.APPEND);
            written += piece;
            follower.advance(written, () -> false);
        }
        assertThat(GzipFollower.partialOf(active)).as("compressed behind the writer").exists();
        Files.write(active, Arrays.copyOfRange(text, written, text.length), StandardOpenOption.APPEND);
        Path backup = dir.resolve("app.20261121-235501-123.log");
        Files.move(active, backup);
        assertThat(follower.follows(backup)).isTrue();

        follower.finishAs(backup);

        assertThat(gunzip(dir.resolve("app.20261121-235501-123.log.gz"))).isEqualTo(text);
        assertThat(backup).doesNotExist();
        assertThat(GzipFollower.partialOf(active)).doesNotExist();
        assertThat(dir.resolve("app.20261121-235501-123.log.gz.tmp")).doesNotExist();
    }

    @Test
    void chunksPrimedWithThePrecedingWindowCompressAsWellAsOneStream() throws IOException {
        byte[] text = logText(40_000);
        Path file = dir.resolve("app.log");
        Files.write(file, text);
        GzipFollower follower = follow(file);

        follower.finishAs(file);

        long single = level == ChunkDeflater.FAST ? oneFastStream(text) : oneZlibStream(text);
        long chunked = Files.size(dir.resolve("app.log.gz"));
        // without the 32 KB dictionary every chunk starts cold, and the output grows by several percent (the fast
        // encoder: 1.039); with it, what remains is a block header and a sync flush per 64 KB chunk (1.011)
        assertThat((double) chunked / single).isLessThan(1.02);
    }

    @Test
    void anEmptyFileBecomesAValidEmptyGzip() throws IOException {
        Path file = dir.resolve("app.log");
        Files.write(file, new byte[0]);

        follow(file).finishAs(file);

        assertThat(gunzip(dir.resolve("app.log.gz"))).isEmpty();
    }

    @Test
    void doesNotTakeAnotherFileForTheOneItFollowed() throws IOException {
        Path active = dir.resolve("app.log");
        Files.write(active, logText(10));
        GzipFollower follower = follow(active);
        Files.delete(active);
        Files.write(active, logText(20)); // replaced by another program: a new file under the same name

        assertThat(follower.follows(active)).isFalse();
        follower.abandon();
    }

    @Test
    void abandoningDeletesThePartialGzip() throws IOException {
        byte[] text = logText(10_000);
        Path active = dir.resolve("app.log");
        Files.write(active, text);
        GzipFollower follower = follow(active);
        follower.advance(text.length, () -> false); // more chunks than may be in flight: the oldest are written out
        assertThat(GzipFollower.partialOf(active)).exists();

        follower.abandon();

        assertThat(GzipFollower.partialOf(active)).doesNotExist();
        assertThat(active).exists();
    }
}
