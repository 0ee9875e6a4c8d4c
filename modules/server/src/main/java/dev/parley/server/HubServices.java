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

/** The parts of a running hub that the socket and REST faces share. Built once by {@link Hub}. */
public record HubServices(HubStore store, SessionRegistry sessions, MembershipCache membership, ChannelAccess access,
                          ReadRule reads, FanOut fanOut, DeliveryTracker tracker, Replay replay, Authenticator auth,
                          Metrics metrics, Limits limits) {}
