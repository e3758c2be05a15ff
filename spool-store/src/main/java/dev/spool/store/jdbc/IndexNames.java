package dev.spool.store.jdbc;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code indexes} option of the store destinations: which of a store's optional indexes a writer
 * makes. Shared so that SQLite and PostgreSQL read the option the same way.
 */
public final class IndexNames {

    private IndexNames() {
    }

    /**
     * The set {@code spec} names: a comma-separated list of names from {@code optional}, {@code none} or
     * {@code all} (empty: none); null means {@code defaults}.
     *
     * @throws IllegalArgumentException naming the unknown entry and what is accepted
     */
    public static Set<String> parse(String spec, Set<String> optional, Set<String> defaults) {
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
}
