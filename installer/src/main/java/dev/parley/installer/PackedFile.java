package dev.parley.installer;

/** One {@code module_files} row. */
record PackedFile(String path, String module, String kind, String resourceName, String sha256, long size) {}
