package dev.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The chat page's files, read from the class path under {@value #ROOT} (where the template's
 * bootstrap and the Maven build both put {@code modules/web/src/main/resources}).
 *
 * <p>Only flat names of known kinds are served ({@code main.js}, {@code chat.css}, ...), so no
 * request can reach another resource. Each file is read once and kept with its strong ETag; the
 * cache is a concurrent map owned by this object, filled lazily by whichever request asks first.
 */
final class ChatAssets {
    static final String ROOT = "dev/parley/web/chat/";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private final ClassLoader loader;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    ChatAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** One file: its bytes, content type and ETag (a quoted sha256 prefix of the bytes). */
    record Asset(byte[] bytes, String contentType, String etag) {}

    /** The asset of that name, or empty for a name that is not servable or not there. */
    Optional<Asset> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Asset cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        return load(name).map(asset -> {
            cache.putIfAbsent(name, asset);
            return asset;
        });
    }

    private Optional<Asset> load(String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new Asset(bytes, TYPES.get(extension), etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chat asset " + name, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
