package dev.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection with its prepared statements cached by SQL text, and small helpers to run them.
 *
 * <p>Not thread-safe: an instance belongs to exactly one owner at a time — the writer thread of
 * {@link WriteQueue}, or whoever borrowed it from {@link ReaderPool}. SQL text is always a constant;
 * values travel only as bound parameters, so the cache stays small and nothing is string-built.
 */
public final class Sql implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final List<SqlTask<?>> deferred;

    /** Maps the current row of a result set to a value. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    Sql(Connection connection) {
        this(connection, false);
    }

    Sql(Connection connection, boolean writer) {
        this.connection = connection;
        this.deferred = writer ? new ArrayList<>() : null;
    }

    /** The underlying connection (for transaction control by its owner). */
    public Connection connection() {
        return connection;
    }

    /** The cached statement for this SQL text, parameters bound. */
    public PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        for (int i = 0; i < params.length; i++) {
            bind(statement, i + 1, params[i]);
        }
        return statement;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... params) throws SQLException {
        try {
            return prepare(sql, params).executeUpdate();
        } catch (SQLException e) {
            throw forget(sql, e);
        }
    }

    /** The first row, mapped, if there is one. */
    public <T> Optional<T> one(String sql, Row<T> row, Object... params) throws SQLException {
        try (ResultSet rows = prepare(sql, params).executeQuery()) {
            return rows.next() ? Optional.ofNullable(row.map(rows)) : Optional.empty();
        } catch (SQLException e) {
            throw forget(sql, e);
        }
    }

    /** Every row, mapped, in the order the query returns them. */
    public <T> List<T> list(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> result = new ArrayList<>();
        try (ResultSet rows = prepare(sql, params).executeQuery()) {
            while (rows.next()) {
                result.add(row.map(rows));
            }
        } catch (SQLException e) {
            throw forget(sql, e);
        }
        return result;
    }

    /** The first column of the first row as a number; 0 when there is no row or it is NULL. */
    public long number(String sql, Object... params) throws SQLException {
        try (ResultSet rows = prepare(sql, params).executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw forget(sql, e);
        }
    }

    /**
     * Drops a statement whose execution failed from the cache. sqlite-jdbc finalizes a statement
     * that fails with most errors (SQLITE_FULL, SQLITE_IOERR, ...; not BUSY or CONSTRAINT) while its
     * Java object still looks open: kept, every later use would fail "statement is not executing".
     */
    private SQLException forget(String sql, SQLException failure) {
        PreparedStatement statement = statements.remove(sql);
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    /**
     * Queues work to run after every task of the current write batch, outside their savepoints but
     * in the same transaction, in the order queued. Dropped if the task that queued it fails. For
     * work that is expensive inside savepoints: FTS5 flushes its pending index data at each one.
     *
     * @throws IllegalStateException on a reader
     */
    public void defer(SqlTask<?> work) {
        if (deferred == null) {
            throw new IllegalStateException("only write tasks can defer work");
        }
        deferred.add(work);
    }

    /** Where the running write task's events go (its job's list), or null outside a write task. */
    private List<StoreEvent> events;

    /**
     * Records a change the running write task made, to be published ({@link StoreEvent}) once its transaction
     * committed; forgotten if the task or its transaction fails.
     *
     * @throws IllegalStateException outside a write task
     */
    public void emit(StoreEvent event) {
        if (events == null) {
            throw new IllegalStateException("only write tasks emit events");
        }
        events.add(event);
    }

    /** Sets where {@link #emit} records (a write job's list), or null once its task has run. */
    void recordEventsInto(List<StoreEvent> target) {
        this.events = target;
    }

    /** How much work is deferred so far (a mark to {@link #dropDeferred} back to). */
    int deferredCount() {
        return deferred.size();
    }

    /** Forgets the work deferred after a mark (the task that deferred it failed). */
    void dropDeferred(int mark) {
        deferred.subList(mark, deferred.size()).clear();
    }

    /** Runs the deferred work, in order, and forgets it. */
    void runDeferred() throws SQLException {
        try {
            for (SqlTask<?> work : deferred) {
                work.run(this);
            }
        } finally {
            deferred.clear();
        }
    }

    /** Runs a parameterless statement that is not worth caching (pragmas, savepoints). */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Closes the cached statements and the connection. */
    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
        connection.close();
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long || value instanceof Integer) {
            statement.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Boolean flag) {
            statement.setInt(index, flag ? 1 : 0);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
        }
    }
}
