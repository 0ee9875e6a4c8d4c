package dev.parley.packer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

class PackTemplateTest {

    @Test
    void code_modules_one_liner_prints_the_bootstrap_exactly() throws Exception {
        Path template = TemplateFixture.fullTemplate();
        Sqlite3.Output out = Sqlite3.run(template.getParent(), template.toString(),
                "SELECT source_code FROM code_modules WHERE module_name='bootstrap'");

        assertThat(out.exitCode()).as(out.stderr()).isZero();
        String expected = Files.readString(TemplateFixture.sourceRoot().resolve("bootstrap/Bootstrap.java"));
        // sqlite3 ends every row with a newline of its own.
        assertThat(out.stdout()).isEqualTo(expected + "\n");
    }

    @Test
    void the_bootstrap_is_stage_one_only_at_most_400_lines_of_at_most_120_characters_on_the_jdk_alone() throws Exception {
        List<String> lines = Files.readAllLines(TemplateFixture.sourceRoot().resolve("bootstrap/Bootstrap.java"));

        assertThat(lines).as("the source launcher compiles it on every run").hasSizeLessThanOrEqualTo(400);
        assertThat(lines).filteredOn(line -> line.length() > 120).isEmpty();
        assertThat(lines).filteredOn(line -> line.startsWith("import "))
                .allMatch(line -> line.matches("import (static )?javax?\\.[\\w.]+(\\.\\*)?;"),
                        "JDK imports only");
    }

    @Test
    void template_carries_sources_docs_schema_jars_and_metadata() throws Exception {
        Map<String, String> metadata = new TreeMap<>();
        List<String> kinds = new ArrayList<>();
        try (Connection db = open(TemplateFixture.fullTemplate()); Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT key, value FROM metadata")) {
                while (rows.next()) {
                    metadata.put(rows.getString(1), rows.getString(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT DISTINCT kind FROM code_modules ORDER BY kind")) {
                while (rows.next()) {
                    kinds.add(rows.getString(1));
                }
            }
            assertThat(count(statement, "SELECT count(*) FROM code_modules WHERE path = 'README.md'")).isOne();
            assertThat(count(statement, "SELECT count(*) FROM code_modules WHERE module_name = 'quickstart'")).isOne();
            assertThat(count(statement,
                    "SELECT count(*) FROM libraries WHERE artifact_id = 'sqlite-jdbc' AND version = '3.54.1.0'")).isOne();
            assertThat(count(statement, "SELECT count(*) FROM channels WHERE channel_id = 'ch-general'")).isOne();
            assertThat(count(statement, "SELECT count(*) FROM messages")).isZero();
            assertThat(count(statement, "SELECT count(*) FROM code_modules WHERE path LIKE '%dev/parley/testing/%' "
                    + "OR path LIKE 'test-support/%'")).as("the test-support root stays out of the template").isZero();
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE name LIKE '%dev/parley/testing/%'")).isZero();
            assertThat(count(statement, "PRAGMA application_id")).isEqualTo(TemplateWriter.APPLICATION_ID);
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE name NOT IN (SELECT path FROM module_files)"))
                    .as("every sqlar entry is listed").isZero();
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE mode != " + 0100644 + " OR name LIKE '/%' "
                    + "OR '/' || name || '/' LIKE '%/../%'")).as("regular files below the folder only").isZero();
        }
        assertThat(metadata).containsKeys("product", "schema_version", "template_version", "template_created_at",
                "build_hash", "main_class", "format");
        assertThat(metadata.get("build_hash")).matches("[0-9a-f]{64}");
        List<String> steps = Files.readAllLines(TemplateFixture.sourceRoot().resolve("template/migrations/migrations.txt"))
                .stream().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(metadata.get("schema_version")).isEqualTo(steps.get(steps.size() - 1).replace(".sql", ""));
        assertThat(kinds).contains("bootstrap", "doc", "java", "library", "migration", "resource");
    }

    @Test
    void every_runtime_jar_maven_resolved_is_packed_byte_for_byte() throws Exception {
        Path jars = Path.of(System.getProperty("parley.runtimeJars"));
        List<RuntimeJar> resolved = RuntimeJars.read(jars);
        assertThat(resolved).extracting(RuntimeJar::artifactId).contains("javalin", "sqlite-jdbc", "jackson-databind");
        try (Connection db = open(TemplateFixture.fullTemplate()); Statement statement = db.createStatement()) {
            for (RuntimeJar jar : resolved) {
                try (ResultSet row = statement.executeQuery("SELECT sha256, size FROM libraries WHERE path = '"
                        + jar.path() + "'")) {
                    assertThat(row.next()).as(jar.path()).isTrue();
                    assertThat(row.getString(1)).isEqualTo(PackedFile.sha256(jar.content()));
                    assertThat(row.getLong(2)).isEqualTo(jar.content().length);
                }
            }
            assertThat(count(statement, "SELECT count(*) FROM libraries")).isEqualTo(resolved.size());
        }
    }

    @Test
    void same_inputs_give_the_same_build_hash_and_lean_keeps_it_without_jars() throws Exception {
        Path folder = TemplateFixture.workFolder("pack");
        TemplateWriter.Result first = TemplateFixture.pack(TemplateFixture.sourceRoot(), "1.0.0", false,
                folder.resolve("a.db"));
        TemplateWriter.Result second = TemplateFixture.pack(TemplateFixture.sourceRoot(), "1.0.0", false,
                folder.resolve("b.db"));
        TemplateWriter.Result lean = TemplateFixture.pack(TemplateFixture.sourceRoot(), "1.0.0", true,
                folder.resolve("lean.db"));

        assertThat(second.buildHash()).isEqualTo(first.buildHash());
        assertThat(lean.buildHash()).isEqualTo(first.buildHash());
        assertThat(lean.bytes()).isLessThan(first.bytes() / 5);
        try (Connection db = open(lean.file()); Statement statement = db.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE name LIKE 'lib/%'")).isZero();
            assertThat(count(statement, "SELECT count(*) FROM libraries")).isPositive();
            assertThat(count(statement, "SELECT count(*) FROM metadata WHERE key = 'lean' AND value = 'true'")).isOne();
        }
    }

    @Test
    void a_changed_source_file_changes_the_build_hash() throws Exception {
        Path copy = TemplateFixture.workFolder("pack-changed").resolve("src");
        SourceCopy.copy(TemplateFixture.sourceRoot(), copy);
        Files.writeString(copy.resolve("modules/store/README.md"), "\nchanged\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path folder = copy.getParent();

        String original = TemplateFixture.pack(TemplateFixture.sourceRoot(), "1.0.0", true, folder.resolve("a.db"))
                .buildHash();
        String changed = TemplateFixture.pack(copy, "1.0.0", true, folder.resolve("b.db")).buildHash();

        assertThat(changed).isNotEqualTo(original);
    }

    @Test
    void stock_sqlite3_extracts_an_archive_from_which_the_hub_compiles() throws Exception {
        Path workspace = TemplateFixture.workFolder("sqlar-extract");
        Sqlite3.Output out = Sqlite3.run(workspace, TemplateFixture.fullTemplate().toString(), "-Ax");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(workspace.resolve("bootstrap/Bootstrap.java")).exists();
        assertThat(workspace.resolve("README.md")).exists();

        List<String> sources = filesEndingWith(workspace.resolve("modules"), ".java");
        List<String> jars = filesEndingWith(workspace.resolve("lib"), ".jar");
        assertThat(sources).isNotEmpty();
        assertThat(jars).isNotEmpty();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d",
                workspace.resolve("classes").toString(), "-cp", String.join(java.io.File.pathSeparator, jars)));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

        int result = javac.run(null, null, null, args.toArray(String[]::new));

        assertThat(result).isZero();
        assertThat(workspace.resolve("classes/dev/parley/server/HubMain.class")).exists();
    }

    private static List<String> filesEndingWith(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(Path::toString).filter(p -> p.endsWith(suffix)).sorted().toList();
        }
    }

    private static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
