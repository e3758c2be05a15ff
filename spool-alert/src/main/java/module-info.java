/**
 * Alert rules on events (webhook or SMTP, rate-limited and de-duplicated) and the {@code alert} destination that
 * applies them in any pipeline: an application, a collector, a consumer.
 */
module dev.spool.alert {
    requires transitive dev.spool;
    requires java.net.http;

    exports dev.spool.alert;

    provides dev.spool.spi.SinkProvider with dev.spool.alert.AlertSinkProvider;
}
