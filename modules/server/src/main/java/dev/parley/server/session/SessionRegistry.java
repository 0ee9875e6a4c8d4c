package dev.parley.server.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Who is online: every authenticated session, grouped by participant. A participant may hold
 * several sessions at once (phone, laptop, an agent that restarted); closing one never touches
 * the others.
 *
 * <p>Concurrency: the maps are concurrent; a participant's session set is copy-on-write, since it is
 * read on every fan-out and changed only on connect and disconnect.
 */
public final class SessionRegistry {
    private final Map<String, Set<Session>> byParticipant = new ConcurrentHashMap<>();
    private final Set<Session> connected = ConcurrentHashMap.newKeySet();
    private final OutboundBudget outbound;

    /** A registry whose sessions' outbound queues share no byte budget. */
    public SessionRegistry() {
        this(Long.MAX_VALUE);
    }

    /** A registry whose sessions' outbound queues hold at most {@code maxOutboundBytes} together. */
    public SessionRegistry(long maxOutboundBytes) {
        this.outbound = new OutboundBudget(maxOutboundBytes, this::all);
    }

    /** The byte budget all sessions' outbound queues share; give it to each new {@link Session}. */
    public OutboundBudget outbound() {
        return outbound;
    }

    /** A socket connected (not yet authenticated). */
    public void connected(Session session) {
        connected.add(session);
    }

    /**
     * The session authenticated as its participant.
     *
     * @return true when this is the participant's first live session (they just came online)
     */
    public boolean online(Session session) {
        while (true) {
            Set<Session> sessions = byParticipant.computeIfAbsent(session.participant(), k -> new CopyOnWriteArraySet<>());
            synchronized (sessions) {
                if (byParticipant.get(session.participant()) != sessions) {
                    continue; // the last session left and removed this set meanwhile: take the new one
                }
                boolean first = sessions.isEmpty();
                sessions.add(session);
                return first;
            }
        }
    }

    /**
     * The session went away.
     *
     * @return true when it was the participant's last live session (they just went offline)
     */
    public boolean gone(Session session) {
        connected.remove(session);
        String name = session.participant();
        if (name == null) {
            return false;
        }
        Set<Session> sessions = byParticipant.get(name);
        if (sessions == null) {
            return false;
        }
        synchronized (sessions) {
            if (!sessions.remove(session)) {
                return false;
            }
            if (sessions.isEmpty()) {
                byParticipant.remove(name, sessions);
                return true;
            }
            return false;
        }
    }

    /** The participant's live sessions (empty when offline). */
    public Collection<Session> sessionsOf(String participant) {
        Set<Session> sessions = byParticipant.get(participant);
        return sessions == null ? List.of() : sessions;
    }

    public boolean isOnline(String participant) {
        return !sessionsOf(participant).isEmpty();
    }

    /** Names of participants with at least one live session. */
    public Set<String> onlineParticipants() {
        return byParticipant.keySet();
    }

    /** Every open socket, authenticated or not. */
    public Collection<Session> all() {
        return connected;
    }

    public int connectionCount() {
        return connected.size();
    }
}
