package dev.parley.client;

/**
 * An error the hub reported that no pending call was waiting for (for example about a
 * {@link ParleyClient#typing(String)} or {@link ParleyClient#readAck(java.util.Collection)} frame).
 * Errors about a send fail that send's call instead.
 *
 * @param code        the hub's error code ({@code channel_not_found}, {@code rate_limited}, ...)
 * @param detail      what was wrong, in words
 * @param requestType the type of the frame it answers, when the hub said
 */
public record ErrorEvent(String code, String detail, String requestType) implements ParleyEvent {}
