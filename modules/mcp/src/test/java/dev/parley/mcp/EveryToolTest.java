package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every tool called through a real MCP client against a real hub, checked against what the hub
 * then holds; and the errors an agent gets for wrong input, flagged {@code isError} with a message
 * that says what to do.
 */
class EveryToolTest extends HubAndAgent {
    @BeforeAll
    static void moreParticipants() {
        hub.rest().send("carol", "general", "carol too");
    }

    @Test
    void send_message_stores_the_message_with_its_options() {
        JsonNode sent = mcp.ok("send_message", "channel", "general", "body", "hello from MCP", "priority", "urgent",
                "metadata", Map.of("task", "build", "n", 3)).path("sent");

        assertThat(sent.path("message_id").asText()).startsWith("ty-");
        JsonNode stored = hub.rest().getJson("/api/message/" + sent.path("message_id").asText());
        assertThat(stored.path("sender").asText()).isEqualTo("agent-a");
        assertThat(stored.path("body").asText()).isEqualTo("hello from MCP");
        assertThat(stored.path("priority").asText()).isEqualTo("urgent");
        assertThat(stored.path("metadata").path("n").asInt()).isEqualTo(3);
        assertThat(sent.path("seq").asLong()).isEqualTo(stored.path("seq").asLong());
    }

    @Test
    void send_dm_writes_to_the_dm_channel() {
        JsonNode sent = mcp.ok("send_dm", "to", "bob", "body", "psst").path("sent");

        assertThat(sent.path("channel").asText()).isEqualTo("dm:agent-a:bob");
        // A DM is for its two members: bob reads it, nobody else does.
        JsonNode asBob = hub.rest().getJson("/api/message/" + sent.path("message_id").asText(), "X-Parley-Name", "bob");
        assertThat(asBob.path("body").asText()).isEqualTo("psst");
    }

    @Test
    void read_messages_pages_by_latest_seq_and_time() {
        mcp.ok("create_channel", "name", "reading");
        List<JsonNode> posted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            posted.add(hub.rest().send("bob", "reading", "m" + i));
        }

        JsonNode latest = mcp.ok("read_messages", "channel", "reading", "limit", 2);
        assertThat(bodies(latest)).containsExactly("m4", "m5");
        assertThat(latest.path("next_since").asLong()).isEqualTo(posted.get(4).path("seq").asLong());

        long secondSeq = posted.get(1).path("seq").asLong();
        JsonNode sinceSeq = mcp.ok("read_messages", "channel", "reading", "since", secondSeq, "limit", 2);
        assertThat(bodies(sinceSeq)).containsExactly("m3", "m4");
        assertThat(sinceSeq.path("more").asBoolean()).isTrue();

        JsonNode sinceTime = mcp.ok("read_messages", "channel", "reading", "since", posted.get(2).path("created_at").asText());
        assertThat(bodies(sinceTime)).containsExactly("m4", "m5");
        assertThat(sinceTime.path("more").asBoolean()).isFalse();
    }

    @Test
    void read_messages_leaves_out_messages_targeted_at_someone_else() {
        hub.rest().postJson("/api/send", Json.mapper().createObjectNode().put("sender", "bob").put("channel", "general")
                .put("body", "for carol only").put("to", "carol"));
        hub.rest().postJson("/api/send", Json.mapper().createObjectNode().put("sender", "bob").put("channel", "general")
                .put("body", "for agent-a only").put("to", "agent-a"));

        List<String> bodies = bodies(mcp.ok("read_messages", "channel", "general", "limit", 200));
        assertThat(bodies).contains("for agent-a only").doesNotContain("for carol only");
    }

    @Test
    void read_messages_and_search_refuse_a_dm_between_two_others() {
        hub.rest().send("carol", "general", "carol was here");
        hub.rest().postJson("/api/dm", Json.mapper().createObjectNode().put("participant_a", "bob")
                .put("participant_b", "carol"));
        hub.rest().send("bob", "dm:bob:carol", "between-bob-and-carol");

        String refused = mcp.error("read_messages", "channel", "dm:bob:carol");
        assertThat(refused).contains("channel").doesNotContain("between-bob-and-carol");
        assertThat(mcp.ok("search", "query", "between-bob").toString()).doesNotContain("between-bob-and-carol");
        assertThat(mcp.ok("list_channels").toString()).doesNotContain("dm:bob:carol");
    }

    @Test
    void own_messages_can_be_edited_reacted_to_and_deleted() {
        String id = mcp.ok("send_message", "channel", "general", "body", "typo here").path("sent").path("message_id").asText();

        JsonNode edited = mcp.ok("edit_message", "message_id", id, "body", "fixed").path("edited");
        assertThat(edited.path("body").asText()).isEqualTo("fixed");
        assertThat(edited.has("edited_at")).isTrue();

        JsonNode reacted = mcp.ok("react", "message_id", id, "emoji", "👍");
        assertThat(reacted.path("action").asText()).isEqualTo("add");
        assertThat(reacted.path("reactions").path("👍").get(0).asText()).isEqualTo("agent-a");
        JsonNode removed = mcp.ok("react", "message_id", id, "emoji", "👍", "remove", true);
        assertThat(removed.path("reactions").has("👍")).isFalse();

        assertThat(mcp.ok("delete_message", "message_id", id).path("deleted").asBoolean()).isTrue();
        assertThat(hub.rest().getJson("/api/message/" + id).path("deleted").asBoolean()).isTrue();
    }

    @Test
    void search_finds_messages_and_narrows_to_a_channel() {
        mcp.ok("create_channel", "name", "haystack");
        mcp.ok("send_message", "channel", "haystack", "body", "the needle-7781 is here");
        mcp.ok("send_message", "channel", "general", "body", "another needle-7781");

        assertThat(bodies(mcp.ok("search", "query", "needle-7781"))).hasSize(2);
        assertThat(bodies(mcp.ok("search", "query", "needle-7781", "channel", "haystack")))
                .containsExactly("the needle-7781 is here");
    }

    @Test
    void channels_are_listed_created_and_joined() {
        hub.rest().postJson("/api/channels/create", Json.mapper().createObjectNode().put("name", "lobby")
                .put("created_by", "bob"));
        hub.rest().postJson("/api/dm", Json.mapper().createObjectNode().put("participant_a", "bob")
                .put("participant_b", "carol"));

        JsonNode created = mcp.ok("create_channel", "name", "Ops Room", "topic", "deploys");
        assertThat(created.path("created").asBoolean()).isTrue();
        assertThat(created.path("channel").path("name").asText()).isEqualTo("ops-room");
        assertThat(mcp.ok("create_channel", "name", "ops-room").path("created").asBoolean()).isFalse();

        assertThat(channel("lobby").path("joined").asBoolean()).isFalse();
        assertThat(mcp.ok("join_channel", "channel", "lobby").path("joined").asBoolean()).isTrue();
        assertThat(channel("lobby").path("joined").asBoolean()).isTrue();
        assertThat(channel("ops-room").path("topic").asText()).isEqualTo("deploys");
        assertThat(channels()).doesNotContain("dm:bob:carol");
    }

    @Test
    void unread_counts_drop_as_messages_are_acked() {
        mcp.ok("create_channel", "name", "acks");
        String first = hub.rest().send("bob", "acks", "one").path("message_id").asText();
        hub.rest().send("bob", "acks", "two");
        hub.rest().send("bob", "acks", "three");
        assertThat(unreadIn("acks")).isEqualTo(3);

        mcp.ok("ack", "message_ids", List.of(first));
        assertThat(unreadIn("acks")).isEqualTo(2);

        JsonNode acked = mcp.ok("ack", "channel", "acks");
        assertThat(acked.path("unread").path("channels").toString()).doesNotContain("\"acks\"");
        assertThat(unreadIn("acks")).isZero();

        hub.rest().send("carol", "general", "unread in general");
        mcp.ok("ack", "all", true);
        assertThat(mcp.ok("unread").path("total").asLong()).isZero();
    }

    @Test
    void presence_and_participants_show_who_is_there() {
        JsonNode presence = mcp.ok("presence");
        assertThat(presence.path("online").toString()).contains("agent-a");
        assertThat(mcp.ok("presence", "name", "bob").path("online").asBoolean()).isFalse();

        JsonNode participants = mcp.ok("participants").path("participants");
        List<String> names = new ArrayList<>();
        participants.forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).contains("agent-a", "bob", "carol");
    }

    @Test
    void request_to_an_offline_participant_fails_at_once() {
        long start = System.nanoTime();
        String error = mcp.error("request", "to", "bob", "body", "are you there?", "timeout_seconds", 30);
        assertThat(error).contains("'bob' is offline");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void unknown_channels_and_messages_say_which_tool_helps() {
        assertThat(mcp.error("read_messages", "channel", "nope"))
                .isEqualTo("channel 'nope' not found; list_channels shows the channels (create_channel makes a new one)");
        assertThat(mcp.error("send_message", "channel", "nope", "body", "x")).contains("channel 'nope' not found");
        assertThat(mcp.error("wait_for_messages", "channel", "nope", "timeout_seconds", 1))
                .contains("channel 'nope' not found");
        assertThat(mcp.error("edit_message", "message_id", "ty-000000000000", "body", "x"))
                .contains("message 'ty-000000000000' not found").contains("read_messages");
        assertThat(mcp.error("send_dm", "to", "ghost", "body", "x")).contains("participant 'ghost' not found");
        assertThat(mcp.error("request", "to", "ghost", "body", "x")).contains("participant 'ghost' not found");
    }

    @Test
    void wrong_arguments_name_the_argument_and_what_it_should_be() {
        assertThat(mcp.error("send_message", "channel", "general"))
                .isEqualTo("missing required argument 'body' (The message text)");
        assertThat(mcp.error("send_message", "channel", "general", "body", "   ")).contains("missing required argument 'body'");
        assertThat(mcp.error("send_message", "chanel", "general", "body", "x"))
                .startsWith("unknown argument 'chanel'; send_message takes channel, body");
        assertThat(mcp.error("read_messages", "channel", "general", "limit", 5000))
                .isEqualTo("'limit' must be between 1 and 200, not 5000");
        assertThat(mcp.error("read_messages", "channel", "general", "since", "yesterday")).contains("'since' must be a seq");
        assertThat(mcp.error("send_message", "channel", "general", "body", "x", "priority", "asap"))
                .contains("'priority' must be one of [urgent, normal, low]");
        assertThat(mcp.error("ack")).contains("say what to mark read");
    }

    @Test
    void the_hub_refusing_an_action_is_reported_not_thrown() {
        String bobs = hub.rest().send("bob", "general", "bob's words").path("message_id").asText();
        assertThat(mcp.error("edit_message", "message_id", bobs, "body", "mine now")).isNotBlank();
        assertThat(mcp.error("delete_message", "message_id", bobs)).isNotBlank();
        // The session is unharmed.
        assertThat(mcp.ok("presence").path("you").asText()).isEqualTo("agent-a");
    }

    private static JsonNode channel(String name) {
        for (JsonNode c : mcp.ok("list_channels").path("channels")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    private static List<String> channels() {
        List<String> names = new ArrayList<>();
        mcp.ok("list_channels").path("channels").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private static long unreadIn(String channel) {
        for (JsonNode c : mcp.ok("unread").path("channels")) {
            if (c.path("channel").asText().equals(channel)) {
                return c.path("unread").asLong();
            }
        }
        return 0;
    }
}
