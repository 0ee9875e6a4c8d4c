package dev.parley.packer;

import java.util.Map;
import java.util.TreeMap;

/**
 * The template's {@code build_hash}: sha256 over {@code path \n sha256 \n} of every packed file and
 * every runtime jar, sorted by path. Same inputs, same hash; a lean template (jars left out) has
 * the hash of its full twin, since both compile the same build. The bootstrap recomputes it.
 */
public final class BuildHash {
    private BuildHash() {}

    /** The hash over path → sha256 pairs. */
    public static String of(Map<String, String> sha256ByPath) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(sha256ByPath).forEach((path, sha) -> text.append(path).append('\n').append(sha).append('\n'));
        return PackedFile.sha256(text.toString());
    }
}
