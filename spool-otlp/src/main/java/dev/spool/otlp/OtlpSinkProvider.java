package dev.spool.otlp;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

/**
 * The {@code otlp} destination type: events as OpenTelemetry log records over OTLP/HTTP (protobuf or
 * JSON) to an OpenTelemetry Collector or any OTLP endpoint, through a disk spool that keeps them while
 * the endpoint is away (docs/otlp.md). Registered for {@link java.util.ServiceLoader}.
 */
public final class OtlpSinkProvider implements SinkProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public OtlpSinkProvider() {
    }

    @Override
    public String type() {
        return "otlp";
    }

    /** Validates every option now; the sink (its spool and sender thread) is opened by the pipeline. */
    @Override
    public SinkFactory configure(Options options) {
        OtlpSettings settings = OtlpSettings.fromOptions(options);
        return context -> new OtlpSink(context.destinationName(), settings);
    }
}
