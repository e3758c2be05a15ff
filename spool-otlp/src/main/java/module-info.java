/** The {@code otlp} destination: events as OpenTelemetry log records over OTLP/HTTP, held on disk while the endpoint is away. */
module dev.spool.otlp {
    requires transitive dev.spool;
    requires java.net.http;

    exports dev.spool.otlp;

    provides dev.spool.spi.SinkProvider with dev.spool.otlp.OtlpSinkProvider;
}
