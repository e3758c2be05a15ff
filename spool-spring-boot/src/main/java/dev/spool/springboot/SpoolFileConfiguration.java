package dev.spool.springboot;

import dev.spool.SpoolConfig;
import dev.spool.config.ConfigFile;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Spool's configuration from a {@code spool.properties}: the one {@code logging.config} names, else
 * {@code spool.properties} on the class path; then, for each active profile in order,
 * {@code spool-PROFILE.properties} beside it, whose keys replace the base file's. With no base file a
 * profile file alone is used. Files are read as UTF-8 and validated by Spool's own parser.
 */
final class SpoolFileConfiguration {

    static final String CONFIG_PROPERTY = "logging.config";
    static final String CONFIG_ACCEPTED = "a readable Spool configuration file (spool.properties, keys in"
            + " docs/configuration.md) given as a file path, a file: URL or a classpath: location, at most 1 MB";
    private static final String CLASSPATH = "classpath:";
    private static final String DEFAULT_LOCATION = CLASSPATH + "spool.properties";
    /** Largest file read: far above any real configuration, small enough to hold in memory. */
    static final int MAX_BYTES = 1 << 20;
    /** A URL scheme (two letters or more, so that a Windows drive such as C: is a path). */
    private static final Pattern OTHER_URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    private final ClassLoader classLoader;

    SpoolFileConfiguration(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * The configuration from the files, or empty when there are none.
     *
     * @param configLocation the value of {@code logging.config}, or null
     * @throws LoggingPropertyException when the named file cannot be read or is not a valid configuration
     */
    Optional<SpoolConfig> load(String configLocation, String[] profiles) {
        String base = configLocation != null ? configLocation : DEFAULT_LOCATION;
        Properties merged = new Properties();
        List<String> used = new ArrayList<>();
        if (read(base, merged, configLocation != null)) {
            used.add(base);
        }
        for (String profile : profiles) {
            String location = profileLocation(base, profile);
            if (read(location, merged, false)) {
                used.add(location);
            }
        }
        if (used.isEmpty()) {
            return Optional.empty();
        }
        if (!merged.containsKey("shutdown.hook")) {
            merged.setProperty("shutdown.hook", "false"); // Boot's shutdown handler drains the pipeline
        }
        try {
            return Optional.of(ConfigFile.parse(merged));
        } catch (IllegalArgumentException e) {
            throw new LoggingPropertyException(CONFIG_PROPERTY, String.join(" + ", used),
                    "not a valid Spool configuration: " + e.getMessage().replaceFirst("^properties: ", ""),
                    CONFIG_ACCEPTED, e);
        }
    }

    /** {@code spool.properties} gives {@code spool-dev.properties}; a name without extension gets {@code -dev}. */
    static String profileLocation(String base, String profile) {
        String extension = ".properties";
        return base.endsWith(extension)
                ? base.substring(0, base.length() - extension.length()) + "-" + profile + extension
                : base + "-" + profile;
    }

    /** Adds the file's keys to {@code into}; false when it does not exist and {@code required} is false. */
    private boolean read(String location, Properties into, boolean required) {
        Properties properties = new Properties();
        try (InputStream in = open(location)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new LoggingPropertyException(CONFIG_PROPERTY, location, "larger than " + MAX_BYTES
                        + " bytes, which no configuration file needs", CONFIG_ACCEPTED, null);
            }
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (FileNotFoundException e) {
            if (!required) {
                return false;
            }
            throw new LoggingPropertyException(CONFIG_PROPERTY, location, e.getMessage(), CONFIG_ACCEPTED, e);
        } catch (IOException | IllegalArgumentException e) { // Properties.load: a malformed unicode escape
            if (e instanceof LoggingPropertyException l) {
                throw l;
            }
            throw new LoggingPropertyException(CONFIG_PROPERTY, location, "cannot be read: " + e, CONFIG_ACCEPTED, e);
        }
        into.putAll(properties);
        return true;
    }

    /** Opens a classpath: location, a file: URL or a path; nothing else (no network URL is fetched). */
    private InputStream open(String location) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length());
            URL url = classLoader.getResource(name.startsWith("/") ? name.substring(1) : name);
            if (url == null) {
                throw new FileNotFoundException(location + " is not on the class path");
            }
            return url.openStream();
        }
        if (OTHER_URL.matcher(location).lookingAt() && !location.startsWith("file:")) {
            throw new LoggingPropertyException(CONFIG_PROPERTY, location, "neither a classpath: location, a file:"
                    + " URL nor a file path (other URLs are not fetched)", CONFIG_ACCEPTED, null);
        }
        Path file;
        try {
            file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw new LoggingPropertyException(CONFIG_PROPERTY, location, "neither a classpath: location, a file:"
                    + " URL nor a file path (" + e.getMessage() + ")", CONFIG_ACCEPTED, e);
        }
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file.toAbsolutePath() + (Files.exists(file) ? " is not a regular file"
                    : " does not exist"));
        }
        return Files.newInputStream(file);
    }
}
