package dev.parley.server;

import dev.parley.server.access.ReadRule;
import dev.parley.server.auth.Authenticator;
import dev.parley.server.delivery.ChannelAccess;
import dev.parley.server.delivery.DeliveryTracker;
import dev.parley.server.delivery.FanOut;
import dev.parley.server.delivery.MembershipCache;
import dev.parley.server.delivery.Replay;
import dev.parley.server.ops.Metrics;
import dev.parley.server.session.SessionRegistry;
import dev.parley.store.HubStore;

/**
 * The parts of a running hub that the socket and REST faces share. Built once by {@link Hub}.
 *
 * @param epoch the database's history epoch ({@link dev.parley.store.HistoryEpoch}), told to clients in
 *              {@code auth_ok} and checked against the one a resuming client names
 */
public record HubServices(HubStore store, SessionRegistry sessions, MembershipCache membership, ChannelAccess access,
                          ReadRule reads, FanOut fanOut, DeliveryTracker tracker, Replay replay, Authenticator auth,
                          Metrics metrics, Limits limits, String epoch) {}
