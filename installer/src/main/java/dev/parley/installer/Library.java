package dev.parley.installer;

/** One {@code libraries} row: a jar, packed in {@code sqlar} or (lean templates) taken from a Maven repository. */
record Library(String path, String groupId, String artifactId, String version, String sha256, long size) {
    String coordinates() { return groupId + ":" + artifactId + ":" + version; }
}
