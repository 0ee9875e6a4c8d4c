package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.store.Database;
import dev.parley.store.SmallFilesystem;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub whose disk fills up: a real 8 MiB tmpfs holds its database, a filler file takes the last
 * byte, and sends fail. Failed sends get {@code storage_full} and leave nothing behind, acked ones
 * stay, {@code /health} says degraded; once the filler is gone the same hub (no restart) writes
 * again with the next seq, and a restart finds everything acked.
 */
class DiskFullRecoveryTest {
    private static final String PAD = "x".repeat(30_000);

    @TempDir
    Path dir;

    @Test
    void a_full_disk_fails_sends_cleanly_and_the_hub_recovers_without_restart_once_space_is_freed() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(dir.resolve("fs"), 8)) {
            Path db = fs.dir().resolve("hub.db");
            List<Integer> acked = new ArrayList<>();
            List<Integer> refused = new ArrayList<>();
            try (InProcessHub hub = InProcessHub.start(fs.dir()); RawSocket bob = hub.client("bob", "*")) {
                for (int n = 0; n < 5; n++) {
                    assertThat(send(hub, "alice", n).statusCode()).isEqualTo(201);
                    acked.add(n);
                }
                Path filler = fs.fill();

                // Big sends until the disk refuses a few (some may still fit in space SQLite holds).
                int n = 5;
                for (; refused.size() < 3 && n < 200; n++) {
                    HttpResponse<String> answer = send(hub, "alice", n);
                    if (answer.statusCode() == 201) {
                        acked.add(n);
                    } else {
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(507);
                        assertThat(json(answer).path("code").asText()).isEqualTo("storage_full");
                        refused.add(n);
                    }
                }
                assertThat(refused).as("sends refused by the full disk").hasSize(3);
                // A new sender whose send fails is not registered either; the socket face says the same.
                HttpResponse<String> carol = send(hub, "carol", n++);
                if (carol.statusCode() == 201) {
                    acked.add(n - 1);
                } else {
                    assertThat(json(carol).path("code").asText()).isEqualTo("storage_full");
                    assertThat(participants(db)).doesNotContain("carol");
                    refused.add(n - 1);
                }
                bob.send("send", "channel", "general", "body", body(n++), "client_msg_id", "bob-1");
                JsonNode error = bob.await("error");
                assertThat(error.path("code").asText()).isEqualTo("storage_full");
                assertThat(error.path("client_msg_id").asText()).isEqualTo("bob-1");
                refused.add(n - 1);

                JsonNode health = json(hub.get("/health"));
                assertThat(health.path("status").asText()).isEqualTo("degraded");
                assertThat(health.path("reason").asText()).startsWith("storage full");
                assertThat(health.path("code").asText()).isEqualTo("storage_full");
                assertThat(hub.get("/health").statusCode()).isEqualTo(200);
                assertThat(hub.get("/metrics").body()).contains("parley_store_degraded 1");
                assertNothingPartial(hub, db, acked, refused);

                Files.delete(filler);

                HttpResponse<String> after = send(hub, "alice", n);
                assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
                assertThat(json(after).path("seq").asLong()).as("the next seq, no gap").isEqualTo(acked.size() + 1);
                acked.add(n++);
                assertThat(json(hub.get("/health")).path("status").asText()).isEqualTo("ok");
                assertThat(hub.get("/metrics").body()).contains("parley_store_degraded 0");
                assertThat(send(hub, "carol", n).statusCode()).isEqualTo(201);
                acked.add(n++);
                bob.send("send", "channel", "general", "body", body(n), "client_msg_id", "bob-2");
                assertThat(bob.await("sent").path("seq").asLong()).isEqualTo(acked.size() + 1);
                acked.add(n);
                assertNothingPartial(hub, db, acked, refused);
            }
            try (InProcessHub restarted = InProcessHub.start(fs.dir())) {
                assertNothingPartial(restarted, db, acked, refused);
            }
        }
    }

    /**
     * The store holds exactly the acked messages: general's seqs run 1..acked with no gap, every
     * channel's last_seq matches its rows, the search index holds one row per message and finds
     * each acked message and no refused one, and every participant is a member of general.
     */
    private static void assertNothingPartial(InProcessHub hub, Path db, List<Integer> acked, List<Integer> refused)
            throws Exception {
        JsonNode stored = json(hub.get("/api/messages/general?after_seq=0&limit=1000"));
        List<Long> seqs = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        stored.forEach(m -> {
            seqs.add(m.path("seq").asLong());
            bodies.add(m.path("body").asText());
        });
        assertThat(bodies).containsExactlyElementsOf(acked.stream().map(DiskFullRecoveryTest::body).toList());
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq #" + i).isEqualTo(i + 1L);
        }
        try (Connection reader = new Database(db).openReader(); Statement sql = reader.createStatement()) {
            TreeMap<String, long[]> channels = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT c.name, c.last_seq, count(m.message_id), "
                    + "coalesce(max(m.seq), 0) FROM channels c LEFT JOIN messages m ON m.channel_id = c.channel_id "
                    + "GROUP BY c.channel_id")) {
                while (rows.next()) {
                    channels.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
                }
            }
            channels.forEach((name, v) -> assertThat(v).as("last_seq, rows, max seq of " + name)
                    .containsExactly(v[1], v[1], v[1]));
            assertThat(channels.get("general")[0]).isEqualTo(acked.size());
            assertThat(number(sql, "SELECT count(*) FROM message_search"))
                    .isEqualTo(number(sql, "SELECT count(*) FROM messages"));
            assertThat(number(sql, "SELECT count(*) FROM messages m JOIN message_search s "
                    + "ON s.rowid = m.search_rowid AND s.message_id = m.message_id"))
                    .isEqualTo(number(sql, "SELECT count(*) FROM messages"));
            assertThat(number(sql, "SELECT count(*) FROM participants p WHERE NOT EXISTS (SELECT 1 FROM members mb "
                    + "WHERE mb.participant = p.name AND mb.channel_id = 'ch-general')")).isZero();
        }
        for (int n : acked) {
            assertThat(json(hub.get("/api/search?q=" + tag(n))).size()).as("search " + tag(n)).isEqualTo(1);
        }
        for (int n : refused) {
            assertThat(json(hub.get("/api/search?q=" + tag(n))).size()).as("search " + tag(n)).isZero();
        }
    }

    private static HttpResponse<String> send(InProcessHub hub, String sender, int n) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode().put("sender", sender).put("channel", "general")
                .put("body", body(n));
        return hub.post("/api/send", body.toString());
    }

    private static String tag(int n) {
        return String.format("msg-%04d-", n);
    }

    private static String body(int n) {
        return tag(n) + PAD;
    }

    private static List<String> participants(Path db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection reader = new Database(db).openReader(); Statement sql = reader.createStatement();
             ResultSet rows = sql.executeQuery("SELECT name FROM participants")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static long number(Statement sql, String query) throws Exception {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return Json.mapper().readTree(answer.body());
    }
}
