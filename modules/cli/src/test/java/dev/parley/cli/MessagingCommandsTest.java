package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** send, dm, list, history, search, pending, ack, ack-all: a real CLI process against a real hub. */
class MessagingCommandsTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Cli cli = Cli.at(hub).with("PARLEY_NAME", "alice");

    @Test
    void send_reports_the_stored_message_and_json_returns_it() throws Exception {
        Cli.Result human = cli.run("send", "general", "build", "812", "is", "green");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).startsWith("sent ty-").contains("to general").contains("(seq ");

        Cli.Result json = cli.run("send", "general", "deploy done", "--json");
        assertThat(json.code()).as(json.toString()).isZero();
        JsonNode message = json.json();
        assertThat(message.path("body").asText()).isEqualTo("deploy done");
        assertThat(message.path("sender").asText()).isEqualTo("alice");
        assertThat(message.path("channel_name").asText()).isEqualTo("general");
        assertThat(message.path("message_id").asText()).matches("ty-[0-9a-f]{12}");
    }

    @Test
    void send_carries_type_priority_metadata_target_and_an_idempotency_key() throws Exception {
        String[] args = {"--json", "send", "general", "{\"x\":1}", "--type", "code", "--priority", "urgent",
                "--metadata", "{\"task\":42,\"tags\":[\"a\"]}", "--id", "retry-key-1"};
        JsonNode first = cli.run(args).json();
        assertThat(first.path("message_type").asText()).isEqualTo("code");
        assertThat(first.path("priority").asText()).isEqualTo("urgent");
        assertThat(first.path("metadata").path("task").asInt()).isEqualTo(42);
        assertThat(first.path("metadata").path("tags").get(0).asText()).isEqualTo("a");

        JsonNode again = cli.run(args).json();
        assertThat(again.path("message_id").asText()).isEqualTo(first.path("message_id").asText());
    }

    @Test
    void send_reads_the_message_from_stdin_after_a_dash() throws Exception {
        Cli.Result result = cli.runWithInput("line one\nline two\n", "--json", "send", "general", "-");
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.json().path("body").asText()).isEqualTo("line one\nline two");
    }

    @Test
    void dm_opens_the_direct_channel_and_sends_into_it() throws Exception {
        hub.rest().send("bob", "general", "bob exists");
        Cli.Result human = cli.run("dm", "bob", "lunch?");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("sent ty-").contains("to bob").contains("dm:alice:bob");

        JsonNode json = cli.run("dm", "bob", "at noon", "--json").json();
        assertThat(json.path("channel_name").asText()).isEqualTo("dm:alice:bob");
        assertThat(json.path("body").asText()).isEqualTo("at noon");
    }

    @Test
    void list_shows_the_latest_messages_oldest_first() throws Exception {
        hub.rest().postJson("/api/channels/create", "{\"name\":\"listing\",\"created_by\":\"carol\"}");
        for (int i = 1; i <= 5; i++) {
            hub.rest().send("carol", "listing", "note " + i);
        }
        Cli.Result human = cli.run("list", "listing", "-n", "3");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("WHEN").contains("carol").contains("note 5").doesNotContain("note 2");
        assertThat(human.out().indexOf("note 3")).isLessThan(human.out().indexOf("note 5"));

        JsonNode json = cli.run("list", "listing", "--limit", "3", "--json").json();
        assertThat(bodies(json)).containsExactly("note 3", "note 4", "note 5");
    }

    @Test
    void history_pages_by_sequence_number_and_by_time() throws Exception {
        hub.rest().postJson("/api/channels/create", "{\"name\":\"paging\",\"created_by\":\"carol\"}");
        for (int i = 1; i <= 6; i++) {
            hub.rest().send("carol", "paging", "page " + i);
        }
        JsonNode after = cli.run("--json", "history", "paging", "--after-seq", "2", "-n", "3").json();
        assertThat(bodies(after)).containsExactly("page 3", "page 4", "page 5");
        assertThat(after.get(0).path("seq").asLong()).isEqualTo(3);

        Cli.Result human = cli.run("history", "paging", "-n", "2");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("SEQ").contains("page 6").contains("page 5").doesNotContain("page 4");
        assertThat(human.err()).contains("more: parley history paging --before ");

        String before = cli.run("--json", "history", "paging", "-n", "2").json().get(0).path("created_at").asText();
        assertThat(bodies(cli.run("--json", "history", "paging", "--before", before, "-n", "2").json()))
                .containsExactly("page 3", "page 4");
    }

    @Test
    void search_finds_messages_in_every_channel() throws Exception {
        hub.rest().send("dave", "general", "the flux capacitor is fluxing");
        Cli.Result human = cli.run("search", "capacitor");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("CHANNEL").contains("dave").contains("flux capacitor");

        JsonNode json = cli.run("search", "flux", "capacitor", "--from", "dave", "--json").json();
        assertThat(bodies(json)).containsExactly("the flux capacitor is fluxing");

        Cli.Result none = cli.run("search", "zzzqqq");
        assertThat(none.code()).isZero();
        assertThat(none.out()).contains("no messages match 'zzzqqq'");
    }

    @Test
    void pending_lists_what_waits_and_ack_and_ack_all_clear_it() throws Exception {
        Cli erin = cli.with("PARLEY_NAME", "erin");
        erin.run("channels", "join", "general");
        hub.rest().postJson("/api/channels/create", "{\"name\":\"erins\",\"created_by\":\"erin\"}");
        String first = hub.rest().send("frank", "erins", "for erin 1").path("message_id").asText();
        hub.rest().send("frank", "erins", "for erin 2");
        hub.rest().send("frank", "erins", "for erin 3");

        Cli.Result human = erin.run("pending");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains(first).contains("for erin 1").contains("frank");
        assertThat(human.err()).contains("parley ack");
        JsonNode pending = erin.run("pending", "--json").json();
        assertThat(bodies(pending)).contains("for erin 1", "for erin 2", "for erin 3");

        Cli.Result ack = erin.run("ack", first);
        assertThat(ack.code()).as(ack.toString()).isZero();
        assertThat(ack.out()).startsWith("acknowledged 1;");
        assertThat(bodies(erin.run("pending", "--json").json())).doesNotContain("for erin 1").contains("for erin 2");

        JsonNode all = erin.run("ack-all", "--json").json();
        assertThat(all.path("acknowledged").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(all.path("remaining").asLong()).isZero();
        assertThat(erin.run("pending").out()).contains("nothing pending for erin");
        JsonNode again = erin.run("ack", "--json", first).json();
        assertThat(again.path("newly_read").asLong()).isZero();
        assertThat(again.path("acknowledged").asLong()).as("the reference's count: ids given").isEqualTo(1);
        assertThat(erin.run("ack", first).err()).contains("1 of the ids were not pending for erin");
    }

    private static List<String> bodies(JsonNode messages) {
        List<String> bodies = new ArrayList<>();
        messages.forEach(m -> bodies.add(m.path("body").asText()));
        return bodies;
    }
}
