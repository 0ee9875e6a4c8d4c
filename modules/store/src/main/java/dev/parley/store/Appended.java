package dev.parley.store;

/**
 * The outcome of an append: the stored message, and whether it was a resend of an earlier one
 * (same sender, same {@code client_msg_id}) — then nothing new was stored and it must not be fanned
 * out again.
 */
public record Appended(StoredMessage message, boolean duplicate, boolean loopGuardTripped) {
    /** A message stored (or found stored, {@code duplicate}). */
    public Appended(StoredMessage message, boolean duplicate) {
        this(message, duplicate, false);
    }
}
