package dev.spool.bench;

import dev.spool.bench.report.Report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a report into the documentation: replaces what stands between the results markers of the file
 * and copies the charts next to it (into {@code img/}, as {@code bench-throughput.svg} and
 * {@code bench-latency.svg}), so a full run updates docs/BENCHMARKS.md in place.
 */
final class DocsSection {

    static final String START = "<!-- bench:results:start -->";
    static final String END = "<!-- bench:results:end -->";

    private DocsSection() {
    }

    /**
     * @throws IllegalStateException if the file lacks the markers (nothing is changed then)
     */
    static void replace(Path doc, Report report, Path outDir) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(doc + " has no " + START + " ... " + END + " section to replace");
        }
        Path charts = Files.createDirectories(doc.toAbsolutePath().getParent().resolve("img"));
        StringBuilder section = new StringBuilder(START).append("\n\n").append(report.markdown());
        for (String chart : new String[] {"throughput.svg", "latency.svg"}) {
            if (Files.exists(outDir.resolve(chart))) {
                Files.copy(outDir.resolve(chart), charts.resolve("bench-" + chart), StandardCopyOption.REPLACE_EXISTING);
                section.append("\n![").append(chart).append("](img/bench-").append(chart).append(")\n");
            }
        }
        section.append('\n');
        Files.writeString(doc, text.substring(0, start) + section + text.substring(end), StandardCharsets.UTF_8);
    }
}
