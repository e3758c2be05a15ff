package dev.spool.store.jdbc;

import dev.spool.spi.Options;
import dev.spool.store.RetentionPolicy;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options every store destination takes, read by one parser so that SQLite and PostgreSQL read them
 * alike: {@code batchSize} (10000), {@code batchTime} (200ms), {@code maxAge} and {@code maxRows}
 * (retention, none by default), {@code retentionInterval} (1m) and {@code indexes} (which of the store's
 * optional indexes a writer makes).
 *
 * @param batchSize         most rows in one transaction
 * @param batchTime         longest time a row waits before its transaction commits
 * @param retention         what to keep
 * @param retentionInterval how often retention looks for expired rows
 * @param indexes           the optional indexes to make
 */
public record StoreOptions(int batchSize, Duration batchTime, RetentionPolicy retention, Duration retentionInterval,
                           Set<String> indexes) {

    /** The keys read here; a destination accepts these and its own. */
    public static final Set<String> KEYS = Set.of("batchSize", "batchTime", "maxAge", "maxRows", "retentionInterval",
            "indexes");
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    public static final Duration DEFAULT_BATCH_TIME = Duration.ofMillis(200);
    public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofMinutes(1);

    private static final String POSITIVE_DURATION = "a positive duration such as 200ms, 5s or 7d";

    /** @throws IllegalArgumentException naming the value that is out of range */
    public StoreOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (!isPositive(batchTime) || !isPositive(retentionInterval)) {
            throw new IllegalArgumentException("batchTime and retentionInterval must be positive, got " + batchTime
                    + " and " + retentionInterval);
        }
        if (retention == null) {
            throw new IllegalArgumentException("retention must be given (RetentionPolicy.KEEP_ALL keeps everything)");
        }
        indexes = Set.copyOf(indexes);
    }

    /**
     * Reads the options from {@code options}; the caller has checked that no unknown key is present.
     *
     * @param optionalIndexes   the names of the store's optional indexes
     * @param defaultIndexes    what a writer makes when nothing names its indexes
     * @param indexesWhenAbsent the {@code indexes} text to read when the key is absent (from a URL, say), or null
     * @throws IllegalArgumentException naming the full key, the bad value and what is accepted
     */
    public static StoreOptions read(Options options, Set<String> optionalIndexes, Set<String> defaultIndexes,
                                    String indexesWhenAbsent) {
        int batchSize = options.integer("batchSize", DEFAULT_BATCH_SIZE, 1, 1_000_000);
        Duration batchTime = positive(options, "batchTime", DEFAULT_BATCH_TIME);
        Duration maxAge = options.has("maxAge") ? positive(options, "maxAge", null) : null;
        long maxRows = options.integer("maxRows", 0, 0, Integer.MAX_VALUE);
        Duration interval = positive(options, "retentionInterval", DEFAULT_RETENTION_INTERVAL);
        String indexSpec = options.string("indexes", indexesWhenAbsent);
        Set<String> indexes;
        try {
            indexes = indexes(indexSpec, optionalIndexes, defaultIndexes);
        } catch (IllegalArgumentException e) {
            throw options.bad("indexes", indexSpec, "none, all, or a comma-separated list of "
                    + String.join(", ", optionalIndexes));
        }
        return new StoreOptions(batchSize, batchTime, new RetentionPolicy(maxAge, maxRows), interval, indexes);
    }

    /**
     * The set {@code spec} names: a comma-separated list of names from {@code optional}, {@code none} or
     * {@code all} (empty: none), case-insensitive; null means {@code defaults}.
     *
     * @throws IllegalArgumentException naming the unknown entry and what is accepted
     */
    public static Set<String> indexes(String spec, Set<String> optional, Set<String> defaults) {
        if (spec == null) {
            return defaults;
        }
        Set<String> names = new TreeSet<>();
        for (String part : spec.split(",", -1)) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all")) {
                names.addAll(optional);
            } else if (!name.equals("none") && !name.isEmpty()) {
                if (!optional.contains(name)) {
                    throw new IllegalArgumentException("bad indexes '" + spec + "': '" + part.trim()
                            + "' is not an index; expected none, all, or a comma-separated list of "
                            + String.join(", ", optional));
                }
                names.add(name);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /** {@link #KEYS} and {@code own}: every key a destination accepts. */
    public static Set<String> keysWith(String... own) {
        Set<String> keys = new TreeSet<>(KEYS);
        keys.addAll(Set.of(own));
        return Collections.unmodifiableSet(keys);
    }

    private static Duration positive(Options options, String key, Duration defaultValue) {
        Duration d = options.duration(key, defaultValue);
        if (d != null && !isPositive(d)) {
            throw options.bad(key, options.string(key, ""), POSITIVE_DURATION);
        }
        return d;
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }
}
