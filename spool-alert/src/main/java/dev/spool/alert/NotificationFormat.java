package dev.spool.alert;

import dev.spool.spi.support.JsonEscaper;
import dev.spool.spi.support.LineEscaper;

import java.time.Instant;

/** Renders a notification as the webhook's JSON body and as the mail's subject and text. Stateless. */
final class NotificationFormat {

    private NotificationFormat() {
    }

    /** The webhook body; docs/alerts.md shows an example and describes each member. */
    static String json(AlertRule rule, Notification n) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"rule\":");
        string(out, n.rule());
        out.append(",\"kind\":");
        string(out, n.kind());
        out.append(",\"condition\":{\"level\":");
        string(out, rule.level().name());
        out.append(",\"service\":");
        string(out, rule.service().toString());
        out.append(",\"logger\":");
        string(out, rule.logger().toString());
        out.append(",\"count\":").append(rule.count());
        out.append(",\"window\":");
        string(out, rule.window().toString());
        out.append("},\"window\":{\"start\":");
        string(out, Instant.ofEpochMilli(n.windowStartMillis()).toString());
        out.append(",\"end\":");
        string(out, Instant.ofEpochMilli(n.windowEndMillis()).toString());
        out.append("},\"count\":").append(n.count());
        out.append(",\"first\":");
        event(out, n.first());
        out.append(",\"last\":");
        event(out, n.last());
        out.append(",\"groups\":[");
        for (int i = 0; i < n.groups().size(); i++) {
            GroupSummary g = n.groups().get(i);
            out.append(i == 0 ? "{" : ",{").append("\"logger\":");
            string(out, g.logger());
            out.append(",\"template\":");
            string(out, g.template());
            out.append(",\"count\":").append(g.count()).append(",\"sample\":");
            string(out, g.sample());
            out.append('}');
        }
        out.append("],\"otherCount\":").append(n.otherCount()).append(",\"samples\":[");
        for (int i = 0; i < n.samples().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, n.samples().get(i));
        }
        return out.append("]}").toString();
    }

    private static void event(StringBuilder out, EventSummary e) {
        out.append("{\"id\":");
        string(out, e.id());
        out.append(",\"time\":");
        string(out, time(e.timestampMicros()));
        out.append(",\"level\":");
        string(out, e.level() == null ? null : e.level().name());
        out.append(",\"service\":");
        string(out, e.service());
        out.append(",\"logger\":");
        string(out, e.logger());
        out.append(",\"message\":");
        string(out, e.message());
        out.append('}');
    }

    static String subject(Notification n) {
        return "[spool] " + n.rule() + ": " + n.count() + (n.count() == 1 ? " matching event" : " matching events")
                + (n.kind().equals("digest") ? " (digest)" : "");
    }

    /** The mail body: one line per item, control characters in event text escaped. */
    static String text(AlertRule rule, Notification n) {
        StringBuilder out = new StringBuilder(512);
        out.append("Spool ").append(n.kind()).append(" for rule ").append(n.rule()).append("\r\n");
        out.append("Condition: level >= ").append(rule.level()).append(", service ").append(rule.service())
                .append(", logger ").append(rule.logger()).append(", at least ").append(rule.count())
                .append(" per ").append(rule.window()).append("\r\n");
        out.append("Window: ").append(Instant.ofEpochMilli(n.windowStartMillis())).append(" to ")
                .append(Instant.ofEpochMilli(n.windowEndMillis())).append("\r\n");
        out.append("Matches: ").append(n.count()).append("\r\n\r\n");
        out.append("First: ");
        line(out, n.first());
        out.append("Last:  ");
        line(out, n.last());
        out.append("\r\nGroups (logger: template):\r\n");
        for (GroupSummary g : n.groups()) {
            out.append("  ").append(g.count()).append(" x ");
            escaped(out, g.logger());
            out.append(": ");
            escaped(out, g.template());
            out.append("\r\n");
        }
        if (n.otherCount() > 0) {
            out.append("  ").append(n.otherCount()).append(" in other groups\r\n");
        }
        out.append("\r\nSamples:\r\n");
        for (String s : n.samples()) {
            out.append("  - ");
            escaped(out, s);
            out.append("\r\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, EventSummary e) {
        out.append(time(e.timestampMicros())).append(' ').append(e.level()).append(' ');
        escaped(out, e.service());
        out.append(' ');
        escaped(out, e.logger());
        out.append(" [").append(e.id()).append("] ");
        escaped(out, e.message());
        out.append("\r\n");
    }

    private static String time(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .toString();
    }

    private static void escaped(StringBuilder out, String s) {
        if (s == null) {
            out.append('-');
            return;
        }
        out.append(LineEscaper.escape(s));
    }

    static void string(StringBuilder out, String s) {
        JsonEscaper.appendString(s, out);
    }
}
