package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void applies_the_runtime_schema_once_and_records_it() throws Exception {
        try (Connection db = new Database(dir.resolve("hub.db")).openWriter()) {
            Migrations migrations = new Migrations(MigrationSource.classpath());

            assertThat(migrations.apply(db)).startsWith("0001_runtime_schema", "0002_messaging");
            assertThat(migrations.apply(db)).isEmpty();

            assertThat(Migrations.current(db)).isEqualTo(lastStep());
            assertThat(query(db, "SELECT name FROM channels")).isEqualTo("general");
            assertThat(query(db, "PRAGMA journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void a_failing_step_rolls_back_every_step_of_the_run() throws Exception {
        Files.writeString(dir.resolve("0001_good.sql"), "CREATE TABLE good(x);");
        Files.writeString(dir.resolve("0002_bad.sql"), "CREATE TABLE bad(x); INSERT INTO nowhere VALUES (1);");
        Files.writeString(dir.resolve(MigrationSource.INDEX), "# order\n0001_good.sql\n0002_bad.sql\n");
        try (Connection db = new Database(dir.resolve("hub.db")).openWriter()) {
            Migrations migrations = new Migrations(MigrationSource.folder(dir));

            assertThatThrownBy(() -> migrations.apply(db)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("nowhere");

            assertThat(query(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('good', 'bad', 'migrations')"))
                    .isEqualTo("0");
        }
    }

    @Test
    void splits_scripts_on_semicolons_outside_quotes_and_comments() {
        List<String> statements = SqlScript.statements(
                "-- a comment; with a semicolon\nINSERT INTO t VALUES ('a;b', 'it''s');\n\nSELECT \"x;y\" FROM t;  ");

        assertThat(statements).containsExactly("INSERT INTO t VALUES ('a;b', 'it''s')", "SELECT \"x;y\" FROM t");
    }

    private static String lastStep() {
        List<MigrationSource.Migration> steps = MigrationSource.classpath().migrations();
        return steps.get(steps.size() - 1).name();
    }

    private static String query(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
