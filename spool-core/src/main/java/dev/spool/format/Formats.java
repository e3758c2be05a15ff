package dev.spool.format;

import dev.spool.spi.Format;
import dev.spool.spi.Options;

import java.util.Set;

/** Builds the {@link Format} a destination's options ask for ({@code format}, {@code pattern}, ...). */
public final class Formats {

    /** Option keys read by {@link #fromOptions}; destinations accept these besides their own. */
    public static final Set<String> OPTION_KEYS = Set.of("format", "pattern", "timezone");

    private Formats() {
    }

    /**
     * {@code format = text} (default, with {@code pattern} and {@code timezone}) or {@code format = json}.
     *
     * @throws IllegalArgumentException naming the key and the accepted values
     */
    public static Format fromOptions(Options options) {
        throw new UnsupportedOperationException("formats are being written");
    }
}
