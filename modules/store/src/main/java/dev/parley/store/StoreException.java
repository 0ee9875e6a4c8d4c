package dev.parley.store;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The failures a store caller should expect, in one small hierarchy so the server maps them to
 * wire errors in one place. Write futures complete exceptionally with these (wrapped in a
 * {@link java.util.concurrent.CompletionException} when observed through {@code join()}).
 */
public abstract class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No channel has this id or name. */
    public static final class ChannelNotFound extends StoreException {
        private static final long serialVersionUID = 1L;

        public ChannelNotFound(String channel) {
            super("channel not found: " + channel);
        }
    }

    /** No message has this id. */
    public static final class MessageNotFound extends StoreException {
        private static final long serialVersionUID = 1L;

        public MessageNotFound(String messageId) {
            super("message not found: " + messageId);
        }
    }

    /** No participant is registered under this name. */
    public static final class ParticipantNotFound extends StoreException {
        private static final long serialVersionUID = 1L;

        public ParticipantNotFound(String name) {
            super("participant not found: " + name);
        }
    }

    /** More bytes than the hub accepts (an attachment over the limit); nothing was stored. */
    public static final class TooLarge extends StoreException {
        private static final long serialVersionUID = 1L;

        public TooLarge(String detail) {
            super(detail);
        }
    }

    /** The caller may not do this (edit someone else's message, join a DM, target a non-member, ...). */
    public static final class NotAllowed extends StoreException {
        private static final long serialVersionUID = 1L;

        public NotAllowed(String detail) {
            super(detail);
        }
    }

    /** The channel is archived (read-only): nothing is posted there until it is unarchived. */
    public static final class ChannelArchived extends StoreException {
        private static final long serialVersionUID = 1L;

        public ChannelArchived(String channelName) {
            super(channelName + " is archived (read-only): cannot post until it is unarchived");
        }
    }

    /**
     * The loop guard holds in a channel: agents wrote too many messages there in a row with no human, and further agent
     * messages are refused until a human writes there (or sends {@code /continue}).
     */
    public static final class LoopGuard extends StoreException {
        private static final long serialVersionUID = 1L;

        public LoopGuard(String channelName, int limit) {
            super("loop guard: agents wrote " + limit + " messages in a row in " + channelName + " with no human; "
                    + "agent messages there are paused until a human writes in " + channelName
                    + " (any message, or /continue)");
        }
    }

    /** The input breaks a rule the store enforces (e.g. a channel name that is empty once normalised). */
    public static final class Invalid extends StoreException {
        private static final long serialVersionUID = 1L;

        public Invalid(String detail) {
            super(detail);
        }
    }

    /** A display name copies another participant's name or display name. */
    public static final class NameTaken extends StoreException {
        private static final long serialVersionUID = 1L;

        public NameTaken(String displayName, String holder) {
            super("the display name '" + displayName + "' copies the name or display name of '" + holder
                    + "'; choose another");
        }
    }

    /** The write queue is full: the hub is overloaded; retry later. */
    public static final class Overloaded extends StoreException {
        private static final long serialVersionUID = 1L;

        public Overloaded(int capacity) {
            super("store overloaded: " + capacity + " writes already queued");
        }

        public Overloaded(String detail) {
            super(detail);
        }
    }

    /** The store is closed or closing. */
    public static final class Closed extends StoreException {
        private static final long serialVersionUID = 1L;

        public Closed() {
            super("store is closed");
        }
    }

    /**
     * The disk holding the database is full (or the database reached its size limit): nothing of the
     * operation was stored. Writes succeed again once space is freed; the hub need not restart.
     */
    public static final class StorageFull extends StoreException {
        private static final long serialVersionUID = 1L;

        public StorageFull(String message, Throwable cause) {
            super("storage full: " + message + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * The database file cannot be written now: another process holds its lock past the busy timeout,
     * an I/O error, a read-only or vanished file. Nothing of the operation was stored; retry later.
     */
    public static final class Unavailable extends StoreException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super("storage unavailable: " + message + ": " + cause.getMessage(), cause);
        }
    }

    /**
     * The one place an SQL error becomes a store exception, by SQLite's primary result code:
     * {@code SQLITE_FULL} is {@link StorageFull}; a locked, busy, unreadable or unwritable file is
     * {@link Unavailable}; anything else (a bug in SQL, a constraint) is {@link Failure}.
     *
     * @param doing what failed, e.g. "write failed"
     */
    public static StoreException of(String doing, SQLException e) {
        // Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, ...) carry their primary code in the low byte.
        int code = (e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode()) & 0xff;
        return switch (SQLiteErrorCode.getErrorCode(code)) {
            case SQLITE_FULL -> new StorageFull(doing, e);
            case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_NOMEM,
                    SQLITE_PROTOCOL, SQLITE_NOLFS, SQLITE_CORRUPT, SQLITE_NOTADB -> new Unavailable(doing, e);
            default -> new Failure(doing, e);
        };
    }

    /** Whether a failure is about the storage itself (full, locked, I/O), not about the operation. */
    public static boolean isStorageFault(Throwable failure) {
        return failure instanceof StorageFull || failure instanceof Unavailable;
    }

    /** The database failed (a bug in SQL, a broken constraint, ...); the operation did not happen. */
    public static final class Failure extends StoreException {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
