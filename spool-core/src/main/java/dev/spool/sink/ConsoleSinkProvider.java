package dev.spool.sink;

import dev.spool.format.Formats;
import dev.spool.spi.Format;
import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;

import java.util.Set;
import java.util.function.Function;

/**
 * The {@code console} destination type: {@code target = stdout | stderr} (default stdout), {@code color =
 * auto | always | never} (default auto: level colours on a terminal only) plus the format keys; the default
 * pattern is {@link dev.spool.format.TextFormat#CONSOLE_DEFAULT}, which shows fields and context. Registered for {@link java.util.ServiceLoader}; code that builds sinks directly uses
 * {@link ConsoleSink}.
 */
public final class ConsoleSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = DestinationOptions.accepted("target", "color");

    /** Made by {@link java.util.ServiceLoader}. */
    public ConsoleSinkProvider() {
    }

    @Override
    public String type() {
        return "console";
    }

    @Override
    public SinkFactory configure(Options options) {
        boolean terminal = Terminal.takesColor();
        return configure(options, o -> Formats.forConsole(o, terminal));
    }

    /** Validates everything now; each opened sink gets a format of its own. */
    static SinkFactory configure(Options options, Function<Options, Format> formats) {
        options.requireOnly(KEYS, Formats.OPTION_PREFIXES);
        boolean stderr = options.choice("target", "stdout", Set.of("stdout", "stderr")).equals("stderr");
        formats.apply(options);
        return context -> stderr
                ? ConsoleSink.stderr(formats.apply(options))
                : ConsoleSink.stdout(formats.apply(options));
    }
}
