package dev.spool.sink;

import dev.spool.Level;
import dev.spool.Logger;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A child process for the multi-process tests and the benchmark: logs numbered events through Spool to a
 * {@code rolling} destination and reports on stdout.
 *
 * <p>Arguments: {@code path processId events maxSize compress multiProcess [signalAt]}. Each event's line
 * is {@code P<processId> N<7-digit number> xxxxxxxxxxxxxxxx|}, the trailing bar telling a whole line from
 * a torn one. It waits for a line on stdin before logging (so the parent can start every process first),
 * prints {@code flushed <n>} once {@code signalAt} events are in the file, and at the end
 * {@code done <nanos>}: the time from the start signal until every event was written.
 */
public final class SharedFileWriter {

    private SharedFileWriter() {
    }

    public static void main(String[] args) throws Exception {
        String path = args[0];
        int processId = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        int signalAt = args.length > 6 ? Integer.parseInt(args[6]) : -1;
        Spool.configure(SpoolConfig.builder().name("shared-" + processId).jmx(false).shutdownHook(false).highWaterMark(1.0)
                .destination("file", "rolling", Map.of("path", path, "maxSize", args[3], "compress", args[4],
                        "multiProcess", args[5], "maxBackups", "1000000", "timezone", "UTC",
                        "pattern", "%m%n"))
                .route("root", "", Level.INFO, "file").build());
        Logger log = Spool.logger("writer");
        System.out.println("ready");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        long start = System.nanoTime();
        String prefix = "P" + processId + " N";
        for (int i = 0; i < events; i++) {
            log.info(line(prefix, i));
            if (i + 1 == signalAt) {
                Spool.flush();
                System.out.println("flushed " + signalAt);
            }
        }
        Spool.flush(); // no deadline: shutdown's own would give up on a machine busy with many writers
        long nanos = System.nanoTime() - start;
        Spool.shutdown();
        System.out.println("done " + nanos);
    }

    private static String line(String prefix, int number) {
        String digits = Integer.toString(number);
        return prefix + "0000000".substring(digits.length()) + digits + " xxxxxxxxxxxxxxxx|";
    }
}
