package dev.parley.client;

/**
 * Something the hub told this client: a {@link Message}, or one of the events about messages,
 * participants and the connection itself. Listen for one kind with
 * {@link ParleyClient#on(Class, java.util.function.Consumer)}, or for all with {@code ParleyEvent.class}.
 */
public sealed interface ParleyEvent
        permits Message, PresenceEvent, TypingEvent, ReceiptEvent, EditEvent, DeleteEvent, ReactionEvent, ErrorEvent,
        ConnectionEvent {}
