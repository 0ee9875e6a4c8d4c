package dev.parley.store;

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

    /** The caller may not do this (edit someone else's message, join a DM, target a non-member, ...). */
    public static final class NotAllowed extends StoreException {
        private static final long serialVersionUID = 1L;

        public NotAllowed(String detail) {
            super(detail);
        }
    }

    /** The input breaks a rule the store enforces (e.g. a channel name that is empty once normalised). */
    public static final class Invalid extends StoreException {
        private static final long serialVersionUID = 1L;

        public Invalid(String detail) {
            super(detail);
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

    /** The database failed (I/O, disk full, a bug in SQL); the operation did not happen. */
    public static final class Failure extends StoreException {
        private static final long serialVersionUID = 1L;

        public Failure(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
