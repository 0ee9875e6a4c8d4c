package dev.parley.packer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Same inputs, same bytes (issue 10, point 4): a template is a function of the tree and the build's time. */
class ReproducibleTemplateTest {
    /** A build time far from the clock, so any time taken from the clock stands out. */
    private static final BuildTimestamp LONG_AGO = BuildTimestamp.resolve("2001-02-03T04:05:06Z", Map.of());

    @Test
    void the_same_tree_packed_twice_gives_the_same_bytes_stamped_with_the_output_timestamp() throws Exception {
        Path folder = TemplateFixture.workFolder("repro-full");
        Path first = TemplateFixture.fullTemplate();

        Path second = TemplateFixture.pack(TemplateFixture.sourceRoot(), TemplateFixture.version(), false,
                folder.resolve("again.db")).file();

        assertThat(sha256(second)).isEqualTo(sha256(first));
        BuildTimestamp given = TemplateFixture.timestamp();
        try (Connection db = open(second); Statement statement = db.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE name LIKE 'lib/%'")).isPositive();
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE mtime <> " + given.epochSecond())).isZero();
            assertThat(text(statement, "SELECT value FROM metadata WHERE key = 'template_created_at'"))
                    .isEqualTo(given.iso());
            assertThat(count(statement, "PRAGMA freelist_count")).isZero();
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("no build file, journal or WAL is left beside the template").containsExactly("again.db");
        }
    }

    @Test
    void no_time_but_the_build_timestamp_reaches_the_file() throws Exception {
        Path folder = TemplateFixture.workFolder("repro-clock");
        Instant start = Instant.now();

        Path template = TemplateFixture.pack(TemplateFixture.sourceRoot(), "1.0.0", true, LONG_AGO,
                folder.resolve("lean.db")).file();

        Instant end = Instant.now();
        try (Connection db = open(template); Statement statement = db.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM sqlar WHERE mtime <> 981173106")).isZero();
            assertThat(text(statement, "SELECT value FROM metadata WHERE key = 'template_created_at'"))
                    .isEqualTo("2001-02-03T04:05:06Z");
            assertThat(text(statement, "SELECT DISTINCT applied_at FROM migrations")).isEqualTo("2001-02-03T04:05:06Z");
            assertThat(text(statement, "SELECT created_at FROM channels WHERE channel_id = 'ch-general'"))
                    .isEqualTo("2001-02-03T04:05:06.000000+00:00");
            assertThat(clockValues(statement, start, end)).as("values taken from the clock while packing").isEmpty();
        }
    }

    @Test
    void a_copy_of_the_tree_gives_the_same_file_and_a_changed_source_a_different_one() throws Exception {
        Path copy = TemplateFixture.workFolder("repro-changed").resolve("src");
        SourceCopy.copy(TemplateFixture.sourceRoot(), copy);
        Path folder = copy.getParent();

        String original = sha256(TemplateFixture.pack(TemplateFixture.sourceRoot(), "1.0.0", true, LONG_AGO,
                folder.resolve("original.db")).file());
        String copied = sha256(TemplateFixture.pack(copy, "1.0.0", true, LONG_AGO, folder.resolve("copy.db")).file());
        Files.writeString(copy.resolve("modules/store/README.md"), "\nchanged\n", StandardOpenOption.APPEND);
        String changed = sha256(TemplateFixture.pack(copy, "1.0.0", true, LONG_AGO, folder.resolve("changed.db"))
                .file());

        assertThat(copied).as("where the tree lies and its files' times and modes do not count").isEqualTo(original);
        assertThat(changed).isNotEqualTo(original);
    }

    /**
     * Every text that names a day the packing ran on and every number of seconds or milliseconds
     * within a day of it, in any column but blobs (file contents), in every table.
     */
    private static List<String> clockValues(Statement statement, Instant start, Instant end) throws SQLException {
        List<String> days = Stream.of(start, end).map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString())
                .distinct().toList();
        long from = start.minus(Duration.ofDays(1)).getEpochSecond();
        long to = end.plus(Duration.ofDays(1)).getEpochSecond();
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        List<String> found = new ArrayList<>();
        for (String table : tables) {
            try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        Object value = rows.getObject(column);
                        boolean clock = value instanceof String text ? days.stream().anyMatch(text::contains)
                                : value instanceof Number number && (within(number.longValue(), from, to)
                                        || within(number.longValue() / 1000, from, to));
                        if (clock) {
                            found.add(table + "." + rows.getMetaData().getColumnName(column) + " = " + value);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean within(long seconds, long from, long to) {
        return seconds >= from && seconds <= to;
    }

    private static String sha256(Path file) throws IOException {
        return PackedFile.sha256(Files.readAllBytes(file));
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

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            String value = rows.getString(1);
            assertThat(rows.next()).as(sql + " gives one row").isFalse();
            return value;
        }
    }
}
