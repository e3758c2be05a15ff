package dev.spool.bench.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the local broker and database processes, read from {@code /proc} (utime + stime, 10 ms
 * ticks): the part of an end-to-end run that is not in this JVM. NaN where {@code /proc} does not show them.
 */
final class OtherProcesses {

    private OtherProcesses() {
    }

    /** CPU seconds of RabbitMQ's Erlang VM ({@code beam.smp}), which also serves whatever else uses it. */
    static double brokerSeconds() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<Long> beams = new ArrayList<>();
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("beam.smp")) {
                        beams.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
            return seconds(beams);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The server processes serving connections to the database of {@code url} (the consumer's writers). */
    static List<Long> backends(String url) throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Connection c = Postgres.connect(url);
             PreparedStatement s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND pid <> pg_backend_pid()");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                pids.add(r.getLong(1));
            }
        }
        return pids;
    }

    /** CPU seconds of the processes, summed; NaN if one cannot be read. */
    static double seconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
        return total;
    }
}
