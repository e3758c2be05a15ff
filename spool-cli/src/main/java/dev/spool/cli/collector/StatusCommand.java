package dev.spool.cli.collector;

import dev.spool.cli.consumer.ConsumeCommand;
import dev.spool.cli.consumer.ConsumerStatus;
import dev.spool.collector.Collector;
import dev.spool.collector.json.JsonEventReader;
import dev.spool.forward.CollectorAddress;
import dev.spool.forward.Forwarding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code spool status}: asks a running collector for its counters and prints them. */
@Command(name = "status",
        description = {"Show a running collector's counters, or a running consumer's health.", "",
            "Collector: connections, events in and out, duplicates removed, rejected lines and connections by "
                    + "reason. Consumer (--consumer): events/s, lag, batches, retries, dead letters by reason, "
                    + "read from the status file 'spool consume' rewrites every second.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool status                          the collector on tcp://127.0.0.1:5170",
            "  spool status --consumer               the consumer of queue spool.events",
            "  spool status --consumer --queue checkout.logs   another queue's consumer",
            "  spool status --consumer /run/spool/consumer.json --json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (a consumer: running and healthy)",
            "1:no collector answered, or it refused; no consumer status, or the consumer is stopped, stale or unhealthy",
            "2:usage error"})
public final class StatusCommand implements Callable<Integer> {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--connect", paramLabel = "ADDRESS",
            description = "The collector's address (default: tcp://127.0.0.1:5170).")
    String connect;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the collector's token.")
    Path tokenFile;

    @Option(names = "--json", description = "Print the collector's answer (or the consumer's status) as it came: one JSON line.")
    boolean json;

    @Option(names = "--consumer", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Show the consumer whose status file this is (default: the file of a consumer of --queue).")
    String consumer;

    @Option(names = "--queue", paramLabel = "NAME", defaultValue = "spool.events",
            description = "With --consumer and no FILE: the queue the consumer consumes (default: ${DEFAULT-VALUE}).")
    String queue;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (consumer != null) {
            Path file = consumer.isEmpty() ? ConsumeCommand.defaultStatusFile(queue) : Path.of(consumer);
            return ConsumerStatus.print(file, json, spec.commandLine().getOut());
        }
        CollectorAddress address = connect == null ? CollectCommand.defaultAddress() : CollectorAddress.parse(connect);
        String answer = ask(address);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> line = JsonEventReader.readObject(answer.getBytes(StandardCharsets.UTF_8), 0,
                answer.getBytes(StandardCharsets.UTF_8).length);
        if (!(line.get("status") instanceof Map)) {
            throw new IOException("the collector at " + address + " refused: " + line.get("error") + " ("
                    + line.get("detail") + ")");
        }
        if (json) {
            out.println(answer);
        } else {
            print(address, (Map<?, ?>) line.get("status"), out);
        }
        out.flush();
        return 0;
    }

    private String ask(CollectorAddress address) throws IOException {
        StringBuilder hello = new StringBuilder("{\"spool\":").append(Forwarding.PROTOCOL_VERSION).append(",\"status\":true");
        if (tokenFile != null) {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            hello.append(",\"token\":\"").append(token.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        try (SocketChannel channel = address.isTcp() ? SocketChannel.open()
                : SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(address.socketAddress());
            Channels.newOutputStream(channel).write(hello.append("}\n").toString().getBytes(StandardCharsets.UTF_8));
            return readLine(Channels.newInputStream(channel));
        } catch (java.net.SocketException e) { // refused, or no socket file
            throw new IOException("no collector answers at " + address, e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() >= MAX_ANSWER_BYTES) {
                throw new IOException("the collector's answer is longer than " + MAX_ANSWER_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void print(CollectorAddress address, Map<?, ?> status, PrintWriter out) {
        out.println("collector " + address);
        out.printf("  connections       %s open, %s since start%n", status.get("connections"), status.get("connections_total"));
        out.printf("  events in         %s%n", status.get("events_in"));
        out.printf("  events written    %s%n", status.get("events_written"));
        out.printf("  events acked      %s%n", status.get("events_acked"));
        out.printf("  duplicates        %s removed%n", status.get("duplicates"));
        out.println("  rejected");
        ((Map<?, ?>) status.get("rejected")).forEach((reason, n) -> out.printf("    %-20s %s%n", reason, n));
        Map<?, ?> pipeline = (Map<?, ?>) status.get("pipeline");
        out.printf("  pipeline          %s written, %s dropped, %s pending%n",
                pipeline.get("written"), pipeline.get("dropped"), pipeline.get("pending"));
        if (status.get("destinations") instanceof List) {
            out.println("  destinations");
            for (Object item : (List<?>) status.get("destinations")) {
                printDestination((Map<?, ?>) item, out);
            }
        }
        if (status.get("spill") instanceof Map) {
            Map<?, ?> spill = (Map<?, ?>) status.get("spill");
            out.printf("  workers' spill    %s: %s events adopted, %s held (not yet delivered), %s queues emptied%n",
                    spill.get("dir"), spill.get("adopted"), spill.get("held"), spill.get("queues_adopted"));
        }
    }

    private static void printDestination(Map<?, ?> d, PrintWriter out) {
        out.printf("    %-18s %s written, %s held (not yet delivered), %s failed, %s errors%s%n",
                d.get("name") + " (" + d.get("type") + ")",
                d.get("written"), d.get("held") == null ? 0 : d.get("held"), d.get("failed"), d.get("errors"),
                Boolean.TRUE.equals(d.get("backlog")) ? ", retrying a backlog" : "");
        if (d.get("last_error") != null) {
            out.printf("      last error       %s%n", d.get("last_error"));
        }
        if (d.get("health") instanceof Map) {
            ((Map<?, ?>) d.get("health")).forEach((k, v) -> out.printf("      %-20s %s%n", k, v));
        }
    }
}
