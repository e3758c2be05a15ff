package dev.spool.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One CSV file per benchmark kind, one row per run, raw numbers (nanoseconds, bytes). */
final class Csv {

    private Csv() {
    }

    static void endToEnd(List<EndToEndResult> results, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("backend,label,threads,repeat,events,producer_ns,end_to_end_ns,bytes,events_per_s,"
                + "producer_events_per_s,mb_per_s,check,note,shape,cpu_producer_ns_per_event,cpu_backend_ns_per_event,"
                + "cpu_process_ns_per_event,cpu_jit_ns,cpu_gc_ns,pass");
        for (EndToEndResult r : results) {
            if (r.cold() != null) {
                lines.add(row(r.cold(), "cold"));
            }
            lines.add(row(r, "measured"));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String row(EndToEndResult r, String pass) {
        return join(r.backend(), r.label(), r.threads(), r.repeat(), r.events(), r.producerNanos(),
                r.endToEndNanos(), r.bytes(), fixed(r.ok() ? r.eventsPerSecond() : 0),
                fixed(r.ok() ? r.producerEventsPerSecond() : 0), fixed(r.ok() ? r.megabytesPerSecond() : 0),
                r.verdict(), r.note(), r.shape(), fixed(r.cpu().producerPerEvent(r.events())),
                fixed(r.cpu().backendPerEvent(r.events())), fixed(r.cpu().processPerEvent(r.events())),
                r.cpu().jitNanos(), r.cpu().gcNanos(), pass);
    }

    static void latency(List<LatencyResult> results, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("backend,label,load,count,achieved_rate,sustained,p50_ns,p99_ns,p999_ns,p9999_ns,max_ns,check,note");
        for (LatencyResult r : results) {
            lines.add(join(r.backend(), r.label(), r.load(), r.count(), r.achievedRate(), r.sustained(), r.p50Nanos(),
                    r.p99Nanos(), r.p999Nanos(), r.p9999Nanos(), r.maxNanos(), r.verdict(), r.note()));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static void micro(List<MicroResult> results, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("benchmark,threads,mode,score,error,unit,alloc_bytes_per_op");
        for (MicroResult m : results) {
            lines.add(join(m.benchmark(), m.threads(), m.mode(), fixed(m.score()), fixed(m.error()), m.unit(),
                    fixed(m.allocBytesPerOp())));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Joins values, quoting any that hold a comma, quote or newline. */
    static String join(Object... values) {
        StringBuilder line = new StringBuilder();
        for (Object v : values) {
            String s = String.valueOf(v);
            if (line.length() > 0) {
                line.append(',');
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        return line.toString();
    }
}
