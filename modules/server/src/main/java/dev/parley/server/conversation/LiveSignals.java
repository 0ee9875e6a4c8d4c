package dev.parley.server.conversation;

import java.util.Collection;

/**
 * What the hub tells live sessions that the store never holds: someone is typing, someone came or went. (Stored
 * changes reach sessions as {@link dev.parley.store.StoreEvent}s instead.) Implemented by fan-out; never blocks.
 */
public interface LiveSignals {
    /** Someone is typing in a channel they belong to: the other online members hear of it. */
    void typing(String channelId, String channelName, String participant);

    /** A participant's first session opened ({@code online}) or last one closed ({@code offline}). */
    void presence(String participant, String status, Collection<String> channelIds);
}
