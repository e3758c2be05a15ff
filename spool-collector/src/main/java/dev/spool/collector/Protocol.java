package dev.spool.collector;

import dev.spool.DestinationStats;
import dev.spool.PipelineStats;
import dev.spool.spi.support.JsonEscaper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The collector's side of the wire format (docs/protocol.md): the lines it sends. Every line is one JSON
 * object in UTF-8 ending with a line feed; text from the client (in error details) is escaped so a
 * response is always one line.
 */
final class Protocol {

    static final int VERSION = dev.spool.forward.Forwarding.PROTOCOL_VERSION;

    private Protocol() {
    }

    static byte[] welcomeLine(int maxEventBytes) {
        return utf8("{\"spool\":" + VERSION + ",\"ok\":true,\"max_event_bytes\":" + maxEventBytes + "}\n");
    }

    static byte[] ackLine(long lines) {
        return utf8("{\"ack\":" + lines + "}\n");
    }

    static byte[] errorLine(String error, long line, String detail) {
        StringBuilder sb = new StringBuilder("{\"error\":\"").append(error).append('"');
        if (line > 0) {
            sb.append(",\"line\":").append(line);
        }
        sb.append(",\"detail\":");
        appendString(sb, detail);
        return utf8(sb.append("}\n").toString());
    }

    static byte[] statusLine(CollectorStats stats, PipelineStats pipeline) {
        return statusLine(stats, pipeline, null);
    }

    static byte[] statusLine(CollectorStats stats, PipelineStats pipeline, SpillAdopter spill) {
        StringBuilder sb = new StringBuilder("{\"spool\":").append(VERSION).append(",\"status\":{")
                .append("\"connections\":").append(stats.connections())
                .append(",\"connections_total\":").append(stats.connectionsTotal())
                .append(",\"events_in\":").append(stats.eventsIn())
                .append(",\"events_written\":").append(stats.eventsWritten())
                .append(",\"events_acked\":").append(stats.eventsAcked())
                .append(",\"duplicates\":").append(stats.duplicates())
                .append(",\"rejected\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : stats.rejected().entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        sb.append("},\"pipeline\":{\"accepted\":").append(pipeline.accepted())
                .append(",\"written\":").append(pipeline.written())
                .append(",\"dropped\":").append(pipeline.droppedTotal())
                .append(",\"pending\":").append(pipeline.pending()).append("},\"destinations\":[");
        first = true;
        for (DestinationStats d : pipeline.destinations()) {
            sb.append(first ? "" : ",").append("{\"name\":");
            appendString(sb, d.name());
            sb.append(",\"type\":");
            appendString(sb, d.type());
            sb.append(",\"written\":").append(d.written()).append(",\"held\":").append(d.held())
                    .append(",\"failed\":").append(d.failed())
                    .append(",\"errors\":").append(d.errors()).append(",\"backlog\":").append(d.backlog());
            if (d.lastError() != null) {
                sb.append(",\"last_error\":");
                appendString(sb, d.lastError());
            }
            appendHealth(sb, d.health());
            sb.append('}');
            first = false;
        }
        sb.append(']');
        if (spill != null) {
            sb.append(",\"spill\":{\"dir\":");
            appendString(sb, spill.dir().toString());
            sb.append(",\"adopted\":").append(spill.adopted()).append(",\"held\":").append(spill.held())
                    .append(",\"queues_adopted\":").append(spill.queuesAdopted()).append('}');
        }
        sb.append("}}\n");
        return utf8(sb.toString());
    }

    private static void appendHealth(StringBuilder sb, Map<String, Object> health) {
        if (health.isEmpty()) {
            return;
        }
        sb.append(",\"health\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(health).entrySet()) {
            sb.append(first ? "" : ",");
            appendString(sb, e.getKey());
            sb.append(':');
            Object v = e.getValue();
            if (v instanceof Boolean || (v instanceof Number && Double.isFinite(((Number) v).doubleValue()))) {
                sb.append(v);
            } else {
                appendString(sb, String.valueOf(v));
            }
            first = false;
        }
        sb.append('}');
    }

    static void appendString(StringBuilder sb, String text) {
        JsonEscaper.appendString(text, sb);
    }

    private static byte[] utf8(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
