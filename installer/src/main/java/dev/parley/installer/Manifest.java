package dev.parley.installer;

import java.util.Comparator;
import java.util.List;

/**
 * The text a template's signature covers, from the template's own rows (the packer's dev.parley.packer.Manifest
 * writes the same; SignedTemplateTest keeps the two equal):
 * <pre>
 * parley-manifest 1
 * file PATH SHA256 SIZE     every module_files row (sources, docs, schema.sql and each schema step, packed jars)
 * library PATH SHA256 SIZE  every libraries row, packed or lean
 * meta KEY VALUE            the metadata that selects code (SIGNED_METADATA, sorted, present keys only)
 * </pre>
 * Sorted by path; in every field {@code \} is {@code \\}, a space {@code \s}, a line break {@code \n} or
 * {@code \r}, so no two sets of rows give the same text. Contents are bound through their sha256 and size,
 * which {@link Template#verify} checks against the bytes.
 */
final class Manifest {
    static final String FORMAT_LINE = "parley-manifest 1";
    static final List<String> SIGNED_METADATA = List.of("build_hash", "cli_class", "format", "java_release",
            "installer_class", "installer_classpath", "installer_paths", "lean", "main_class", "product",
            "schema_version", "template_created_at", "template_version");

    private Manifest() {}

    static String of(Template template) {
        StringBuilder text = new StringBuilder(FORMAT_LINE).append('\n');
        // Sorted, not collected by path: a duplicated row (a table rebuilt without its key) shows in the text.
        template.files.stream().sorted(Comparator.comparing(f -> String.valueOf(f.path())))
                .forEach(f -> line(text, "file", f.path(), f.sha256(), Long.toString(f.size())));
        template.libraries.stream().sorted(Comparator.comparing(l -> String.valueOf(l.path())))
                .forEach(l -> line(text, "library", l.path(), l.sha256(), Long.toString(l.size())));
        template.metadata.forEach((key, value) -> { // a TreeMap: sorted by key
            if (SIGNED_METADATA.contains(key)) {
                line(text, "meta", key, value);
            }
        });
        return text.toString();
    }

    private static void line(StringBuilder text, String kind, String... fields) {
        text.append(kind);
        for (String field : fields) {
            text.append(' ').append(String.valueOf(field).replace("\\", "\\\\").replace(" ", "\\s")
                    .replace("\n", "\\n").replace("\r", "\\r"));
        }
        text.append('\n');
    }
}
