package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, finding 4: the writer's queue is bounded in bytes, not only in tasks. One connection
 * floods sends of 32 KiB bodies with 16 KiB of metadata without waiting; once the queued writes
 * hold more than the (here small) budget, sends are answered {@code overloaded}, nothing of them is
 * stored, and the hub takes sends again as soon as the queue drained. Before the fix nothing was
 * refused short of 100,000 queued tasks (about 15 GB of such messages).
 */
class WriteQueueBytesTest {
    private static final int FLOOD = 150;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void a_flood_of_large_sends_is_refused_as_overloaded_past_the_byte_budget_stores_nothing_partial_and_recovers()
            throws Exception {
        Limits limits = Limits.DEFAULTS.withWriteQueueBytes(512 * 1024);
        HubConfig config = new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, null, limits);
        try (InProcessHub hub = InProcessHub.start(config)) {
            URI ws = URI.create("ws://127.0.0.1:" + hub.port() + "/ws");
            Inbox inbox = new Inbox();
            try (RawSocket flooder = RawSocket.stream(ws, inbox)) {
                flooder.send(RawSocket.authFrame("flooder", "*"));
                inbox.await("auth_ok", WAIT);
                String body = "x".repeat(32 * 1024);
                String padding = "y".repeat(16 * 1024 - 20);
                for (int i = 0; i < FLOOD; i++) {
                    ObjectNode send = Json.mapper().createObjectNode().put("type", "send").put("channel", "general")
                            .put("body", body).put("client_msg_id", "f-" + i);
                    send.putObject("metadata").put("pad", padding);
                    flooder.send(send);
                }
                // Every send is answered: sent, or an error carrying its client_msg_id.
                inbox.awaitCount(f -> Inbox.isType(f, "sent") || (Inbox.isType(f, "error") && f.has("client_msg_id")),
                        FLOOD, WAIT);
                List<JsonNode> errors = inbox.frames("error");
                Set<Long> seqs = inbox.frames("sent").stream().map(f -> f.get("seq").asLong())
                        .collect(Collectors.toCollection(TreeSet::new));
                System.out.printf("WriteQueueBytesTest: %d sends of %d chars; %d stored, %d refused as overloaded%n",
                        FLOOD, body.length() + padding.length(), seqs.size(), errors.size());
                assertThat(errors).as("refused past the byte budget").isNotEmpty();
                assertThat(errors).allSatisfy(e -> assertThat(e.get("code").asText()).isEqualTo("overloaded"));
                assertThat(seqs.size() + errors.size()).isEqualTo(FLOOD);
                // Nothing partial: the channel holds exactly the acknowledged sends, seq 1..n without gaps.
                long lastSeq = hub.hub().services().store().channels().require("general").lastSeq();
                assertThat(lastSeq).isEqualTo(seqs.size());
                assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, lastSeq)
                        .boxed().toList());

                // Recovers: once the queue drained, the next send is taken.
                ObjectNode again = Json.mapper().createObjectNode().put("type", "send").put("channel", "general")
                        .put("body", body).put("client_msg_id", "again");
                flooder.send(again);
                JsonNode sent = inbox.awaitCount(f -> Inbox.isType(f, "sent")
                        && f.get("client_msg_id").asText().equals("again"), 1, WAIT).get(0);
                assertThat(sent.get("seq").asLong()).isEqualTo(lastSeq + 1);
            }
            // The queue's count is released right after the last outcome was published.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (hub.hub().services().store().writeQueueBytes() != 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertThat(hub.hub().services().store().writeQueueBytes()).as("nothing left counted").isZero();
        }
    }
}
