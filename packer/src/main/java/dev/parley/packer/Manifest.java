package dev.parley.packer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text a template's signature covers, computed from the template's own rows:
 *
 * <pre>
 * parley-manifest 1
 * file PATH SHA256 SIZE     every module_files row (sources, docs, schema.sql and each schema step, packed jars)
 * library PATH SHA256 SIZE  every libraries row, packed or lean
 * meta KEY VALUE            the metadata that selects code ({@link #SIGNED_METADATA}, sorted, present keys only)
 * </pre>
 *
 * <p>Files first, so the first line a forgery changes names the file. Rows sorted by path, fields separated by one space, and in every field {@code \} written as {@code \\},
 * a space as {@code \s}, a line break as {@code \n} or {@code \r}, so no two sets of rows give the same text.
 * The installer (dev.parley.installer.Manifest, which imports nothing of the packer) computes the same text
 * from the rows it reads, and stage 1 (Bootstrap.java) reads the file lines and meta lines of this text; SignedTemplateTest proves the two agree on every template this packer writes.
 */
public final class Manifest {
    /** The first line; a bootstrap refuses a manifest format it does not know. */
    public static final String FORMAT_LINE = "parley-manifest 1";
    /** Metadata keys that decide what runs or what the template claims to be. */
    public static final List<String> SIGNED_METADATA = List.of("build_hash", "cli_class", "format", "java_release",
            "installer_class", "installer_classpath", "installer_paths", "lean", "main_class", "product",
            "schema_version", "template_created_at", "template_version");

    private Manifest() {}

    /** The manifest of the template open on {@code db}. */
    public static String of(Connection db) throws SQLException {
        StringBuilder text = new StringBuilder(FORMAT_LINE).append('\n');
        Map<String, String> metadata = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT key, value FROM metadata")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (SIGNED_METADATA.contains(rows.getString(1))) {
                        metadata.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        for (String table : List.of("module_files", "libraries")) {
            Map<String, String[]> byPath = new TreeMap<>();
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT path, sha256, size FROM " + table)) {
                while (rows.next()) {
                    byPath.put(rows.getString(1), new String[] {rows.getString(2), Long.toString(rows.getLong(3))});
                }
            }
            String kind = table.equals("libraries") ? "library" : "file";
            byPath.forEach((path, row) -> line(text, kind, path, row[0], row[1]));
        }
        metadata.forEach((key, value) -> line(text, "meta", key, value));
        return text.toString();
    }

    private static void line(StringBuilder text, String kind, String... fields) {
        List<String> escaped = new ArrayList<>(List.of(kind));
        for (String field : fields) {
            escaped.add(String.valueOf(field).replace("\\", "\\\\").replace(" ", "\\s").replace("\n", "\\n")
                    .replace("\r", "\\r"));
        }
        text.append(String.join(" ", escaped)).append('\n');
    }
}
