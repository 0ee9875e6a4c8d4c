package dev.parley.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the runtime schema steps that a database has not seen yet, in order, in one transaction,
 * and records each in the {@code migrations} table (name, applied_at).
 *
 * <p>The bootstrap applies the same steps, by the same names, when it upgrades a database; so a
 * step is never applied twice, whoever got there first.
 *
 * <p>A step is a whole script (several statements, triggers, comments) run by one
 * {@link Statement#executeUpdate(String)}: sqlite-jdbc hands that call to {@code sqlite3_exec}, which
 * runs every statement in turn, so nothing here splits SQL.
 */
public final class Migrations {
    private final MigrationSource source;

    public Migrations(MigrationSource source) {
        this.source = source;
    }

    /**
     * Brings the schema up to date.
     *
     * @return the names of the steps applied now, empty when the schema was current
     */
    public List<String> apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String> appliedNow = applyWithin(connection);
            connection.commit();
            return appliedNow;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Applies the pending steps inside the transaction the caller has open and will commit or roll back (the
     * installer's upgrade swaps the packed tables and applies the steps in one transaction).
     *
     * @return the names of the steps applied now
     */
    public List<String> applyWithin(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
            Set<String> done = applied(connection);
            List<String> appliedNow = new ArrayList<>();
            for (MigrationSource.Migration step : source.migrations()) {
                if (done.contains(step.name())) {
                    continue;
                }
                try {
                    statement.executeUpdate(step.sql());
                } catch (SQLException e) {
                    throw new SQLException("schema step " + step.name() + ": " + e.getMessage(), e.getSQLState(),
                            e.getErrorCode(), e);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO migrations(name, applied_at) VALUES (?, ?)")) {
                    record.setString(1, step.name());
                    record.setString(2, Instant.now().toString());
                    record.executeUpdate();
                }
                appliedNow.add(step.name());
            }
            return appliedNow;
        }
    }

    /** The name of the newest step the database has, or {@code "none"}. */
    public static String current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(name) FROM migrations")) {
            String name = rows.next() ? rows.getString(1) : null;
            return name == null ? "none" : name;
        }
    }

    private static Set<String> applied(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM migrations")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
