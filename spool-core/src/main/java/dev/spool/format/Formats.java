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

    /** Option key prefixes read by {@link #fromOptions}: {@code json.rename.KEY} and {@code json.static.NAME}. */
    public static final Set<String> OPTION_PREFIXES = Set.of(JsonKeys.RENAME, JsonKeys.STATIC);

    private static final Set<String> FORMAT_NAMES = Set.of("text", "json", "ecs", "gelf", "logstash", "otlp-json");
    private static final Set<String> COLOR_CHOICES = Set.of("auto", "always", "never");

    private Formats() {
    }

    /**
     * {@code format = text} (default, with {@code pattern}, default {@link TextFormat#DEFAULT}, and
     * {@code timezone}, default the system zone), {@code format = json} (Spool's own schema), or one of the
     * standard JSON layouts {@code ecs}, {@code gelf}, {@code logstash} and {@code otlp-json}. The JSON
     * formats take neither pattern nor timezone (their timestamps are always UTC) but take
     * {@code json.rename.KEY} and {@code json.static.NAME}. Returns a new instance on each call. Keys
     * outside {@link #OPTION_KEYS} and {@link #OPTION_PREFIXES} are ignored, since they belong to the
     * destination.
     *
     * @throws IllegalArgumentException naming the key, the bad value and the accepted values
     */
    public static Format fromOptions(Options options) {
        String format = options.choice("format", "text", FORMAT_NAMES);
        if (!format.equals("text")) {
            rejectWithJson(options, "pattern", "no pattern with format = " + format + " (remove it, or use format = text)");
            rejectWithJson(options, "timezone", "no timezone with format = " + format + " (JSON timestamps are always UTC)");
            return json(format, options);
        }
        rejectJsonKeys(options);
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
        if (!format.equals("text")) {
            rejectWithJson(options, "color", "no color with format = " + format + " (remove it, or use format = text)");
            return fromOptions(options);
        }
        rejectJsonKeys(options);
        boolean colored = color.equals("always") || (color.equals("auto") && terminal);
        String pattern = options.string("pattern", TextFormat.CONSOLE_DEFAULT);
        try {
            return TextFormat.of(pattern, zone(options), colored);
        } catch (IllegalArgumentException e) {
            throw options.bad("pattern", pattern, "a valid pattern (" + e.getMessage() + ")");
        }
    }

    private static void rejectJsonKeys(Options options) {
        for (String key : options.asMap().keySet()) {
            if (key.startsWith(JsonKeys.RENAME) || key.startsWith(JsonKeys.STATIC)) {
                throw options.bad(key, options.string(key, ""), "json.* keys only with a JSON format ("
                        + "format = json, ecs, gelf, logstash or otlp-json)");
            }
        }
    }

    private static Format json(String format, Options options) {
        switch (format) {
            case "json": return new JsonFormat(JsonKeys.from(options, format, JsonFormat.KEYS, true));
            case "ecs": return new EcsFormat(JsonKeys.from(options, format, EcsFormat.KEYS, true));
            case "gelf": return new GelfFormat(JsonKeys.from(options, format, GelfFormat.KEYS, true));
            case "logstash": return new LogstashFormat(JsonKeys.from(options, format, LogstashFormat.KEYS, true));
            default: return new OtlpJsonFormat(JsonKeys.from(options, format, java.util.List.of(), false));
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
