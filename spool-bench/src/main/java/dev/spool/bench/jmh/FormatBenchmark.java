package dev.spool.bench.jmh;

import dev.spool.format.JsonFormat;
import dev.spool.format.TextFormat;
import dev.spool.spi.ByteBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * Formatting one event into a reused buffer, as the writer thread does: the benchmark's text pattern and
 * the JSON Lines format. The timestamp advances by a millisecond per call, so the date cache is exercised
 * as in a steady stream of events rather than hit with one instant forever.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FormatBenchmark {

    private final TextFormat text = TextFormat.of(TextFormat.DEFAULT, ZoneId.systemDefault());
    private final JsonFormat json = JsonFormat.of();
    private final ByteBuilder out = new ByteBuilder(4096);
    private final TextFormat textKeyValues = TextFormat.of(BenchEvent.KV_PATTERN, ZoneId.systemDefault());
    private final BenchEvent event = new BenchEvent(System.currentTimeMillis() * 1000);
    private final BenchEvent keyValues = BenchEvent.withKeyValues(System.currentTimeMillis() * 1000);

    @Benchmark
    public int text() {
        out.clear();
        text.format(event.tick(), out);
        return out.length();
    }

    @Benchmark
    public int json() {
        out.clear();
        json.format(event.tick(), out);
        return out.length();
    }

    /** The {@code kv} shape's event ({@code user=alice attempt=3}) through the bench's pattern with {@code %kv}. */
    @Benchmark
    public int textKeyValues() {
        out.clear();
        textKeyValues.format(keyValues.tick(), out);
        return out.length();
    }

    /** The {@code kv} shape's event as JSON Lines. */
    @Benchmark
    public int jsonKeyValues() {
        out.clear();
        json.format(keyValues.tick(), out);
        return out.length();
    }
}
