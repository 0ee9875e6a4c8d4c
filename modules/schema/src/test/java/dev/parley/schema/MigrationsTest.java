package dev.parley.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema steps from a folder, applied by the driver as whole scripts, all or nothing. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void a_failing_step_rolls_back_every_step_of_the_run() throws Exception {
        Files.writeString(dir.resolve("0001_good.sql"), "CREATE TABLE good(x);");
        Files.writeString(dir.resolve("0002_bad.sql"), "CREATE TABLE bad(x); INSERT INTO nowhere VALUES (1);");
        Files.writeString(dir.resolve(MigrationSource.INDEX), "# order\n0001_good.sql\n0002_bad.sql\n");
        try (Connection db = open()) {
            Migrations migrations = new Migrations(MigrationSource.folder(dir));

            assertThatThrownBy(() -> migrations.apply(db)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("nowhere");

            assertThat(column(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('good', 'bad', 'migrations')"))
                    .containsExactly("0");
        }
    }

    @Test
    void runs_a_step_with_a_trigger_and_semicolons_in_comments_and_strings_as_one_script() throws Exception {
        Files.writeString(dir.resolve("0001_log.sql"), """
                -- every new note is logged; the trigger body holds two statements
                CREATE TABLE notes(body TEXT NOT NULL, "odd;name" TEXT DEFAULT 'a;b'); /* block; comment */
                CREATE TABLE note_log(entry TEXT NOT NULL);
                CREATE TRIGGER notes_logged AFTER INSERT ON notes BEGIN
                    INSERT INTO note_log VALUES ('added; ' || new.body);
                    INSERT INTO note_log VALUES ('it''s; logged');
                END;
                INSERT INTO notes(body) VALUES ('first; note');
                -- a last comment; nothing after it
                """);
        Files.writeString(dir.resolve(MigrationSource.INDEX), "0001_log.sql\n");
        try (Connection db = open()) {
            assertThat(new Migrations(MigrationSource.folder(dir)).apply(db)).containsExactly("0001_log");

            assertThat(column(db, "SELECT entry FROM note_log ORDER BY rowid"))
                    .containsExactly("added; first; note", "it's; logged");
            assertThat(column(db, "SELECT \"odd;name\" FROM notes")).containsExactly("a;b");
            assertThat(Migrations.current(db)).isEqualTo("0001_log");
        }
    }

    @Test
    void a_step_of_comments_and_empty_statements_applies_and_is_recorded() throws Exception {
        Files.writeString(dir.resolve("0001_nothing.sql"), "-- nothing\n\n/* at all */ ;\n;\n");
        Files.writeString(dir.resolve(MigrationSource.INDEX), "0001_nothing.sql\n");
        try (Connection db = open()) {
            assertThat(new Migrations(MigrationSource.folder(dir)).apply(db)).containsExactly("0001_nothing");

            assertThat(column(db, "SELECT name FROM sqlite_schema")).containsExactly("migrations",
                    "sqlite_autoindex_migrations_1");
        }
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("schema.db"));
    }

    private static List<String> column(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
