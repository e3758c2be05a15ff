package dev.spool.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's files, from the classpath folder {@code dev/spool/cli/web/}: a fixed list, so that no request
 * path ever names a file or resource by itself. Each is read once and served with a content hash as its
 * entity tag.
 */
final class Assets {

    /** One file: its bytes, media type and entity tag. */
    record Asset(byte[] bytes, String type, String etag) {
    }

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"app.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});

    private final Map<String, Optional<Asset>> loaded = new ConcurrentHashMap<>();

    /** The file served at {@code path}, if there is one. */
    Optional<Asset> get(String path) {
        String[] file = FILES.get(path);
        return file == null ? Optional.empty() : loaded.computeIfAbsent(file[0], name -> load(name, file[1]));
    }

    private static Optional<Asset> load(String name, String type) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String etag = '"' + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + '"';
            return Optional.of(new Asset(bytes, type, etag));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web view's " + name + " from the classpath", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
