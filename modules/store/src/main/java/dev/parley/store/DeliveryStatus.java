package dev.parley.store;

/**
 * Where one message stands for one recipient, as /api/delivery shows it.
 *
 * <p>Times are those of the cursor move (or out-of-order ack) that covered the message, so for a
 * message covered by a later cursor move they may be later than the actual delivery.
 */
public record DeliveryStatus(String recipient, State status, String deliveredAt, String readAt) {
    /** The compat status words. */
    public enum State {
        QUEUED, DELIVERED, READ;

        /** {@code queued}, {@code delivered} or {@code read}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
