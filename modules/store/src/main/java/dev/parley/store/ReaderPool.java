package dev.parley.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few read-only connections, each lent to one caller thread for one read at a time.
 *
 * <p>Owners: an idle {@link Sql} belongs to the pool; a borrowed one belongs to the borrowing thread
 * until its task returns. Connections run in autocommit, so each statement reads the latest
 * committed state and no reader holds a WAL snapshot between reads (which would stall checkpoints).
 */
final class ReaderPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReaderPool.class);

    private final BlockingQueue<Sql> idle;
    private final List<Sql> all = new ArrayList<>();
    private volatile boolean closed;

    ReaderPool(Database database, int size) throws SQLException {
        idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Sql reader = new Sql(database.openReader());
                all.add(reader);
                idle.add(reader);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Runs a read on a borrowed connection, waiting for one if all are busy. */
    <T> T read(SqlTask<T> task) {
        if (closed) {
            throw new StoreException.Closed();
        }
        Sql reader;
        try {
            reader = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Closed();
        }
        try {
            return task.run(reader);
        } catch (SQLException e) {
            throw StoreException.of("read failed", e);
        } finally {
            idle.add(reader);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Sql reader : all) {
            try {
                reader.close();
            } catch (SQLException e) {
                log.warn("closing a reader failed", e);
            }
        }
    }
}
