package dev.spool.cli.collector;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The JSON Lines files a collector configuration writes ({@code file} and {@code rolling} destinations
 * with {@code format = json}): the collector reads the newest ids back from them after a restart, so
 * that nothing it wrote before a crash is written twice. Paths with {@code ${...}} are skipped (they are
 * resolved only by the configuration reader); {@code --dedup-seed} names such files explicitly.
 */
final class SeedFiles {

    private SeedFiles() {
    }

    static List<Path> of(Path configFile) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        List<Path> files = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("destination.") || !key.endsWith(".type")) {
                continue;
            }
            String prefix = key.substring(0, key.length() - "type".length());
            String type = properties.getProperty(key).trim().toLowerCase(Locale.ROOT);
            String format = properties.getProperty(prefix + "format", "text").trim().toLowerCase(Locale.ROOT);
            String path = properties.getProperty(prefix + "path");
            if ((type.equals("file") || type.equals("rolling")) && format.equals("json") && path != null
                    && !path.contains("${")) {
                files.add(Path.of(path.trim()));
            }
        }
        return files;
    }
}
