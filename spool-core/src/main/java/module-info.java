/**
 * Spool's core: the logging API, the SPI destinations and formats implement, the pipeline, the console,
 * file and rolling-file destinations, configuration and the forward client. Depends on nothing outside
 * the JDK. {@code dev.spool.internal} and its subpackages are not exported.
 */
module dev.spool {
    requires transitive java.management;

    exports dev.spool;
    exports dev.spool.config;
    exports dev.spool.format;
    exports dev.spool.forward;
    exports dev.spool.sink;
    exports dev.spool.spi;
    exports dev.spool.spi.durable;
    exports dev.spool.spi.support;

    uses dev.spool.spi.SinkProvider;
    uses dev.spool.spi.ContextContributor;

    provides dev.spool.spi.SinkProvider with
            dev.spool.sink.ConsoleSinkProvider,
            dev.spool.sink.FileSinkProvider,
            dev.spool.sink.RollingFileSinkProvider,
            dev.spool.forward.ForwardSinkProvider;
}
