package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.schema.MigrationSource;
import dev.parley.schema.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime schema of {@code template/migrations/}, from the class path, on the store's own writer connection. */
class RuntimeSchemaTest {
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
