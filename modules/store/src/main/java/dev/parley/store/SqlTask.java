package dev.parley.store;

import java.sql.SQLException;

/**
 * A unit of database work, run by whoever owns the {@link Sql} at that moment.
 *
 * <p>A write task runs inside the writer's current transaction (in its own savepoint) and must not
 * commit, roll back, or keep the {@code Sql} beyond its return.
 */
@FunctionalInterface
public interface SqlTask<T> {
    /** Does the work; expected failures are {@link StoreException}s, anything else is a bug or I/O. */
    T run(Sql sql) throws SQLException;
}
