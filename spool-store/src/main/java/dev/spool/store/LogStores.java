package dev.spool.store;

import dev.spool.store.spi.StoreProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Opens stores by URL: the {@link StoreProvider} registered for the URL's scheme opens it, so that a
 * store module on the class path or module path ({@code spool-sqlite}: {@code sqlite:FILE};
 * {@code spool-postgres}: {@code postgresql://HOST:PORT/DATABASE}) is all it takes. Thread-safe.
 */
public final class LogStores {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private LogStores() {
    }

    /**
     * Opens the store at {@code url} for queries; the caller closes it.
     *
     * @throws IllegalArgumentException when no store takes the URL, naming the forms that are accepted
     * @throws StoreException when the store cannot be opened, saying why
     */
    public static LogStore open(String url) {
        return check(url, "store").openStore(url);
    }

    /**
     * Opens a writer into the store at {@code url}; the caller closes it.
     *
     * @throws IllegalArgumentException when no store takes the URL, naming the forms that are accepted
     * @throws StoreException when the store cannot be opened, saying whether it may later
     */
    public static StoreWriter openWriter(String url) {
        return check(url, "store").openWriter(url);
    }

    /**
     * Copies the store at {@code url} into the file {@code target} while writers go on
     * ({@link StoreProvider#backup}); returns what was copied, in one line.
     *
     * @throws IllegalArgumentException when no store takes the URL
     * @throws UnsupportedOperationException when that kind of store has no file backup
     * @throws StoreException when the copy cannot be made or fails its check
     */
    public static String backup(String url, java.nio.file.Path target) {
        return check(url, "store").backup(url, target);
    }

    /**
     * The provider that opens {@code url}, found by its scheme, the URL checked for that provider's form
     * without opening anything.
     *
     * @param what how the caller names the value in messages: {@code store}, {@code --store}
     * @throws IllegalArgumentException naming {@code what}, the URL (password masked) and what is accepted:
     *                                  every available form for an unknown scheme, the provider's for a URL
     *                                  of its scheme that it cannot take
     */
    public static StoreProvider check(String url, String what) {
        List<StoreProvider> providers = providers();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("missing " + what + ": expected " + forms(providers));
        }
        StoreProvider provider = byScheme(url, providers);
        if (provider == null) {
            throw new IllegalArgumentException("bad value '" + display(url) + "' for " + what + ": expected "
                    + forms(providers));
        }
        if (!provider.accepts(url)) {
            throw new IllegalArgumentException("bad value '" + display(url) + "' for " + what + ": expected "
                    + provider.describe());
        }
        return provider;
    }

    /** {@code url} for people: a password in it (user info or a {@code password} parameter) shown as {@code ***}. */
    public static String display(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        int start = masked.indexOf("://") + 3;
        if (start < 3) {
            return masked;
        }
        int end = masked.indexOf('/', start);
        int at = masked.lastIndexOf('@', end < 0 ? masked.length() - 1 : end - 1);
        int colon = masked.indexOf(':', start);
        return at < start || colon < 0 || colon > at ? masked : masked.substring(0, colon + 1) + "***" + masked.substring(at);
    }

    /** Every provider registered, once each, in the order of the forms they describe. */
    public static List<StoreProvider> providers() {
        Map<String, StoreProvider> byClass = new LinkedHashMap<>();
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                LogStores.class.getClassLoader()}) {
            if (loader != null) {
                for (StoreProvider p : ServiceLoader.load(StoreProvider.class, loader)) {
                    byClass.putIfAbsent(p.getClass().getName(), p);
                }
            }
        }
        List<StoreProvider> providers = new ArrayList<>(byClass.values());
        providers.sort(Comparator.comparing(StoreProvider::describe));
        return providers;
    }

    /** The provider with the longest scheme that {@code url} starts with (followed by a colon), or null. */
    private static StoreProvider byScheme(String url, List<StoreProvider> providers) {
        StoreProvider best = null;
        int bestLength = -1;
        for (StoreProvider p : providers) {
            for (String scheme : p.schemes()) {
                if (scheme.length() > bestLength && url.startsWith(scheme) && url.startsWith(":", scheme.length())) {
                    best = p;
                    bestLength = scheme.length();
                }
            }
        }
        return best;
    }

    private static String forms(List<StoreProvider> providers) {
        if (providers.isEmpty()) {
            return "a store URL, but no store is installed: put spool-sqlite or spool-postgres on the class path"
                    + " or module path";
        }
        return providers.stream().map(StoreProvider::describe).collect(Collectors.joining(" or "));
    }
}
