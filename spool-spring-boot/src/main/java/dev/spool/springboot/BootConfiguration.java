package dev.spool.springboot;

import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;
import org.springframework.boot.logging.LogFile;
import org.springframework.core.env.PropertyResolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spool's configuration made from Boot's {@code logging.*} properties when no Spool file is used: a
 * console destination and, with {@code logging.file.name} or {@code logging.file.path}, a rolling file
 * like Boot's default one, both under a root route at INFO ({@code logging.level.*} is applied afterwards,
 * live). Every error names the Boot property, its value and what is accepted.
 */
final class BootConfiguration {

    /** The console and file pattern when {@code logging.pattern.*} is not set: Boot's default layout. */
    static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p %pid --- [%15.15t] %-40.40c : %m%kv%n";
    static final String FORMATS_ACCEPTED = "json (Spool's JSON Lines), ecs, gelf or logstash (Spool's layouts,"
            + " docs/formats.md); formatter class names are not supported";
    private static final java.util.Set<String> STRUCTURED_FORMATS = java.util.Set.of("json", "ecs", "gelf", "logstash");
    static final String PATTERN_ACCEPTED = "a Spool text pattern (docs/formats.md): %d, %d{DateTimeFormatter"
            + " pattern}, %p or %level, %t or %thread, %c or %logger, %c{N}, %m or %msg, %n, %X{key}, %X, %kv, %ex,"
            + " %id, %service, %host, %pid, %%, with widths such as %-5p or %-40.40c; an empty value turns the"
            + " output off";
    static final String FILE_ACCEPTED = "a file Spool can create and append to (logging.file.name), or a"
            + " directory for spring.log (logging.file.path)";
    static final String THRESHOLD_ACCEPTED = "TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF";

    // A file like Boot's default one: rolled at 10 MB and daily, gzipped, kept 7 days.
    private static final Map<String, String> ROLLING = Map.of("maxSize", "10MB", "schedule", "daily",
            "maxAge", "7d", "compress", "gzip", "maxBackups", "1000");

    private final PropertyResolver properties;

    BootConfiguration(PropertyResolver properties) {
        this.properties = properties;
    }

    /** The configuration for these properties and Boot's log file (null when none is configured). */
    SpoolConfig build(LogFile logFile) {
        SpoolConfig.Builder builder = SpoolConfig.builder().shutdownHook(false); // Boot's handler drains it
        String application = properties.getProperty("spring.application.name");
        if (application != null && !application.isBlank() && isBlank(System.getProperty("spool.service"))
                && isBlank(System.getenv("SPOOL_SERVICE"))) {
            builder.service(application.trim());
        }
        List<RouteConfig.Target> targets = new ArrayList<>();
        Map<String, String> console = output("console", "console", Map.of());
        if (console != null) {
            add(builder, "console", "console", console);
            targets.add(new RouteConfig.Target("console", Level.TRACE));
        }
        if (logFile != null) {
            Map<String, String> fileOptions = new LinkedHashMap<>(ROLLING);
            fileOptions.put("path", logFile.toString());
            Map<String, String> file = output("file", "rolling", fileOptions);
            if (file != null) {
                add(builder, "file", "rolling", file);
                targets.add(new RouteConfig.Target("file", Level.TRACE));
            }
        }
        builder.route(new RouteConfig("root", "", Level.INFO, targets, true, null));
        return builder.build();
    }

    /** The options of the console or file output, or null when it is turned off. */
    private Map<String, String> output(String name, String type, Map<String, String> base) {
        Map<String, String> options = new LinkedHashMap<>(base);
        String threshold = properties.getProperty("logging.threshold." + name);
        if (threshold != null && !threshold.isBlank()) {
            if (threshold.trim().equalsIgnoreCase("OFF")) {
                return null;
            }
            try {
                options.put("level", Level.parse(threshold).name());
            } catch (IllegalArgumentException e) {
                throw new LoggingPropertyException("logging.threshold." + name, threshold, "not a level",
                        THRESHOLD_ACCEPTED, e);
            }
        }
        String structured = properties.getProperty("logging.structured.format." + name);
        if (structured != null && !structured.isBlank()) {
            String format = structured.trim().toLowerCase(Locale.ROOT);
            if (!STRUCTURED_FORMATS.contains(format)) {
                throw new LoggingPropertyException("logging.structured.format." + name, structured,
                        "not a structured format Spool writes", FORMATS_ACCEPTED, null);
            }
            options.put("format", format); // structured output wins over a pattern, as in Boot
            return options;
        }
        String pattern = properties.getProperty("logging.pattern." + name);
        if (pattern != null && pattern.isEmpty()) {
            return null; // Boot's convention: an empty pattern turns that output off
        }
        options.put("pattern", pattern == null ? DEFAULT_PATTERN : pattern);
        return options;
    }

    private static void add(SpoolConfig.Builder builder, String name, String type, Map<String, String> options) {
        try {
            builder.destination(name, type, options);
        } catch (IllegalArgumentException e) {
            if (options.containsKey("pattern") && String.valueOf(e.getMessage()).contains(".pattern'")) {
                throw new LoggingPropertyException("logging.pattern." + name, options.get("pattern"), e.getMessage(),
                        PATTERN_ACCEPTED, e);
            }
            if (name.equals("file")) {
                throw new LoggingPropertyException("logging.file.name", options.get("path"), e.getMessage(),
                        FILE_ACCEPTED, e);
            }
            throw e;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
