package dev.parley.packer;

/**
 * A runtime dependency as Maven resolved it.
 *
 * @param groupId    e.g. {@code org.xerial}
 * @param artifactId e.g. {@code sqlite-jdbc}
 * @param version    e.g. {@code 3.54.1.0}
 * @param path       where it lands in the workspace: {@code lib/<group path>/<artifact>/<version>/<file>}
 * @param content    the jar's bytes
 */
public record RuntimeJar(String groupId, String artifactId, String version, String path, byte[] content) {

    /** {@code group:artifact:version}, as JBang's //DEPS and Maven want it. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /** The jar as a packed file of kind {@code library}. */
    public PackedFile asPackedFile() {
        return new PackedFile(path, artifactId, "library", null, content);
    }
}
