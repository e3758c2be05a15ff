package dev.spool.bench.jmh;

import dev.spool.ContextMap;
import dev.spool.Resource;
import dev.spool.format.JsonFormat;
import dev.spool.internal.deflate.FastDeflater;
import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Deflating one 1 MB chunk of JSON Lines primed with the 32 KB before it and ending in a sync flush, as the
 * rolling file's compressing threads do: Spool's own encoder against the JDK's zlib at level 1. The lines are
 * the files suite's kind (JSON, a counter and a varying time per event); each call returns the deflated size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeflateBenchmark {

    private static final int WINDOW = 32 * 1024;
    private static final int CHUNK = 1 << 20;

    private final byte[] input = new byte[WINDOW + CHUNK];
    private final byte[] zlibOut = new byte[2 * CHUNK];
    private final FastDeflater fast = new FastDeflater();
    private Deflater zlib;

    @Setup
    public void setUp() {
        JsonFormat json = JsonFormat.of();
        ByteBuilder line = new ByteBuilder(1024);
        SuiteEvent event = new SuiteEvent();
        for (int filled = 0; filled < input.length; ) {
            line.clear();
            json.format(event.next(), line);
            int n = Math.min(line.length(), input.length - filled);
            System.arraycopy(line.array(), 0, input, filled, n);
            filled += n;
        }
        zlib = new Deflater(1, true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        zlib.end();
    }

    @Benchmark
    public int fast() {
        fast.start(input, 0, WINDOW);
        for (int at = WINDOW; at < input.length; ) {
            at = Math.min(input.length, at + 64 * 1024);
            fast.compress(at, at == input.length);
        }
        return fast.finish().length;
    }

    @Benchmark
    public int zlib1() {
        zlib.reset();
        zlib.setDictionary(input, 0, WINDOW);
        zlib.setInput(input, WINDOW, CHUNK);
        return zlib.deflate(zlibOut, 0, zlibOut.length, Deflater.SYNC_FLUSH);
    }

    /** The files suite's event: one producer's counter in the message, the time advancing ~2 µs an event. */
    private static final class SuiteEvent implements LogEvent {
        private static final Resource RESOURCE = new Resource("bench", "bench-host", 4242);
        private final StringBuilder message = new StringBuilder();
        private long seq;
        private long micros = 1_765_000_000_000_000L;

        SuiteEvent next() {
            seq++;
            micros += 1 + seq * 7 % 3;
            message.setLength(0);
            message.append("producer 0 event ").append(seq);
            return this;
        }

        @Override public long idHigh() { return 0x0190_0000_0000_0001L + (seq >>> 12); }
        @Override public long idLow() { return seq * 0x9E37_79B9_7F4A_7C15L; }
        @Override public long timestampMicros() { return micros; }
        @Override public dev.spool.Level level() { return dev.spool.Level.INFO; }
        @Override public String logger() { return "bench.services.p0"; }
        @Override public String threadName() { return "producer-0"; }
        @Override public long threadId() { return 31; }
        @Override public CharSequence message() { return message; }
        @Override public int fieldCount() { return 0; }
        @Override public String fieldKey(int index) { throw new IndexOutOfBoundsException(index); }
        @Override public Object fieldValue(int index) { throw new IndexOutOfBoundsException(index); }
        @Override public ContextMap context() { return ContextMap.EMPTY; }
        @Override public Throwable throwable() { return null; }
        @Override public Resource resource() { return RESOURCE; }
    }
}
