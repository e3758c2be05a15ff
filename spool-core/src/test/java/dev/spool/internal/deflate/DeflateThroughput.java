package dev.spool.internal.deflate;

import dev.spool.Resource;
import dev.spool.format.JsonFormat;
import dev.spool.format.TextFormat;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.Format;
import dev.spool.testkit.TestEvent;

import java.time.ZoneOffset;
import java.util.function.IntSupplier;
import java.util.zip.Deflater;

/**
 * Deflating one 1 MB chunk of log lines primed with the 32 KB before it and ending in a sync flush, as the
 * rolling file's compressing thread does: Spool's own encoder against the JDK's zlib at level 1, in
 * alternating rounds in one JVM after a warm-up. The lines are the files suite's kind (a producer's counter
 * in the message, the time advancing, a varying id), formatted by {@link JsonFormat} ({@code json}, the
 * default) or by the end-to-end benchmark's {@link TextFormat} pattern ({@code text}, no id). Run by hand,
 * never by {@code mvn verify} (from the repository root, after {@code mvn -pl spool-core test-compile}):
 *
 * <pre>java -cp spool-core/target/classes:spool-core/target/test-classes:TESTKIT_JAR \
 *     dev.spool.internal.deflate.DeflateThroughput [rounds=5] [chunksPerRound=1000] [json|text]</pre>
 *
 * Prints each round's microseconds per chunk for both and the deflated sizes (docs/decisions/fast-deflate.md).
 */
public final class DeflateThroughput {

    private static final int WINDOW = 32 * 1024;
    private static final int CHUNK = 1 << 20;

    private final byte[] input = new byte[WINDOW + CHUNK];
    private final byte[] zlibOut = new byte[2 * CHUNK];
    private final FastDeflater fast = new FastDeflater();
    private final Deflater zlib = new Deflater(1, true);

    private DeflateThroughput(String kind) {
        Format format = switch (kind) {
            case "json" -> JsonFormat.of();
            case "text" -> TextFormat.of("%d{ISO8601} %-5p [%t] %c - %m%n", ZoneOffset.UTC);
            default -> throw new IllegalArgumentException("lines are json or text, not " + kind);
        };
        ByteBuilder line = new ByteBuilder(1024);
        TestEvent event = TestEvent.event().logger("bench.services.p0").thread("producer-0", 31)
                .resource(new Resource("bench", "bench-host", 4242));
        long micros = 1_765_000_000_000_000L;
        for (long seq = 1, filled = 0; filled < input.length; seq++) {
            micros += 1 + seq * 7 % 3;
            line.clear();
            format.format(event.id(0x0190_0000_0000_0001L + (seq >>> 12), seq * 0x9E37_79B9_7F4A_7C15L)
                    .timestampMicros(micros).message("producer 0 event " + seq), line);
            int n = (int) Math.min(line.length(), input.length - filled);
            System.arraycopy(line.array(), 0, input, (int) filled, n);
            filled += n;
        }
    }

    /** The chunk through {@link FastDeflater}, fed in 64 KB slices; returns the deflated size. */
    int fast() {
        fast.start(input, 0, WINDOW);
        for (int at = WINDOW; at < input.length; ) {
            at = Math.min(input.length, at + 64 * 1024);
            fast.compress(at, at == input.length);
        }
        return fast.finish().length;
    }

    /** The chunk through zlib at level 1; returns the deflated size. */
    int zlib1() {
        zlib.reset();
        zlib.setDictionary(input, 0, WINDOW);
        zlib.setInput(input, WINDOW, CHUNK);
        return zlib.deflate(zlibOut, 0, zlibOut.length, Deflater.SYNC_FLUSH);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        String kind = args.length > 2 ? args[2] : "json";
        DeflateThroughput run = new DeflateThroughput(kind);
        System.out.printf("deflated sizes of %,d bytes of %s lines: fast %,d, zlib level 1 %,d%n", CHUNK, kind, run.fast(), run.zlib1());
        for (int i = 0; i < chunks; i++) { // warm-up: both compiled before the first round
            run.fast();
            run.zlib1();
        }
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d: fast %,d µs, zlib level 1 %,d µs per chunk%n", round,
                    time(run::fast, chunks), time(run::zlib1, chunks));
        }
        run.zlib.end();
    }

    private static long time(IntSupplier deflate, int chunks) {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < chunks; i++) {
            sink += deflate.getAsInt();
        }
        long micros = (System.nanoTime() - start) / 1000 / chunks;
        return sink == 0 ? -1 : micros; // the sizes are used, so the calls cannot be dropped
    }
}
