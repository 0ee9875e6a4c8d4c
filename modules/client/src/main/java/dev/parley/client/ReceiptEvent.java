package dev.parley.client;

import java.util.List;

/**
 * Messages this client sent were read.
 *
 * @param messageIds the messages
 * @param reader     who read them
 * @param status     the receipt's status ({@code read})
 */
public record ReceiptEvent(List<String> messageIds, String reader, String status) implements ParleyEvent {
    /** A receipt with an unmodifiable copy of the ids. */
    public ReceiptEvent {
        messageIds = List.copyOf(messageIds);
    }
}
