package dev.parley.server;

import dev.parley.server.attachments.AttachmentService;
import dev.parley.server.auth.Authenticator;
import dev.parley.server.claims.ClaimService;
import dev.parley.server.people.Directory;
import dev.parley.server.questions.QuestionService;
import dev.parley.server.conversation.Conversations;
import dev.parley.server.delivery.DeliveryTracker;
import dev.parley.server.delivery.Replay;
import dev.parley.server.ops.Metrics;
import dev.parley.server.session.SessionRegistry;
import dev.parley.store.HubStore;

/**
 * The parts of a running hub that the socket and REST faces share. Built once by {@link Hub}. What a participant
 * does in a conversation, and every read of its content, goes through {@link #conversations()}, claims through
 * {@link #claims()}, files through {@link #attachments()}, questions for humans through {@link #questions()},
 * profiles and discovery through {@link #directory()}; the faces reach
 * the store directly only for the hub's own state (health, counts, the participants' list).
 *
 * @param epoch the database's history epoch ({@link dev.parley.store.HistoryEpoch}), told to clients in
 *              {@code auth_ok} and checked against the one a resuming client names
 */
public record HubServices(HubStore store, SessionRegistry sessions, Conversations conversations, ClaimService claims,
                          QuestionService questions, Directory directory,
                          DeliveryTracker tracker, Replay replay, Authenticator auth, Metrics metrics, Limits limits,
                          String epoch, AttachmentService attachments) {}
