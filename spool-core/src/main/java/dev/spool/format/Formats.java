package dev.spool.format;

import dev.spool.spi.Format;
import dev.spool.spi.Options;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/** Builds the {@link Format} a destination's options ask for ({@code format}, {@code pattern}, ...). */
public final class Formats {

    /** Option keys read by {@link #fromOptions}; destinations accept these besides their own. */
    public static final Set<String> OPTION_KEYS = Set.of("format", "pattern", "timezone");

    private static final Set<String> FORMAT_NAMES = Set.of("text", "json");
    private static final Set<String> COLOR_CHOICES = Set.of("auto", "always", "never");

    private Formats() {
    }

    /**
     * {@code format = text} (default, with {@code pattern}, default {@link TextFormat#DEFAULT}, and
     * {@code timezone}, default the system zone) or {@code format = json} (which takes neither: JSON
     * timestamps are always UTC). Returns a new instance on each call. Keys outside {@link #OPTION_KEYS}
     * are ignored, since they belong to the destination.
     *
     * @throws IllegalArgumentException naming the key, the bad value and the accepted values
     */
    public static Format fromOptions(Options options) {
        String format = options.choice("format", "text", FORMAT_NAMES);
        if (format.equals("json")) {
            rejectWithJson(options, "pattern", "no pattern with format = json (remove it, or use format = text)");
            rejectWithJson(options, "timezone", "no timezone with format = json (JSON timestamps are always UTC)");
            return JsonFormat.of();
        }
        ZoneId zone = zone(options);
        String pattern = options.string("pattern", TextFormat.DEFAULT);
        try {
            return TextFormat.of(pattern, zone);
        } catch (IllegalArgumentException e) {
            throw options.bad("pattern", pattern, "a valid pattern (" + e.getMessage() + ")");
        }
    }

    /**
     * The format of a console destination: as {@link #fromOptions}, but the default pattern is
     * {@link TextFormat#CONSOLE_DEFAULT} and the {@code color} key ({@code auto}, the default: colour when
     * {@code terminal}; {@code always}; {@code never}) decides whether {@code %highlight{...}} writes colour.
     *
     * @throws IllegalArgumentException naming the key, the bad value and the accepted values
     */
    public static Format forConsole(Options options, boolean terminal) {
        String color = options.choice("color", "auto", COLOR_CHOICES);
        String format = options.choice("format", "text", FORMAT_NAMES);
        if (format.equals("json")) {
            rejectWithJson(options, "color", "no color with format = json (remove it, or use format = text)");
            return fromOptions(options);
        }
        boolean colored = color.equals("always") || (color.equals("auto") && terminal);
        String pattern = options.string("pattern", TextFormat.CONSOLE_DEFAULT);
        try {
            return TextFormat.of(pattern, zone(options), colored);
        } catch (IllegalArgumentException e) {
            throw options.bad("pattern", pattern, "a valid pattern (" + e.getMessage() + ")");
        }
    }

    private static ZoneId zone(Options options) {
        String zone = options.string("timezone", null);
        if (zone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw options.bad("timezone", zone, "a zone id such as UTC, Europe/Paris or +02:00");
        }
    }

    private static void rejectWithJson(Options options, String key, String accepted) {
        if (options.has(key)) {
            throw options.bad(key, options.string(key, ""), accepted);
        }
    }
}
