package dev.parley.client;

/** The stateful pieces one {@link ParleyClient} is made of, wired once in its constructor. */
record ClientParts(Positions positions, Outbox outbox, AckTracker acks, Replies replies, PresenceCache presence,
                   ChannelNames channelNames, Dispatcher dispatcher, JoinedChannels joined, Pongs pongs,
                   ConnectionWatch watch) {}
