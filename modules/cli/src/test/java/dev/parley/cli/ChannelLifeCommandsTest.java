package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** channels leave, rename, topic, archive (--undo), delete, --archived; and the owner's admin channels delete. */
class ChannelLifeCommandsTest {
    // The hub's database is the CLI's $PARLEY_HOME/parley.db, as on the hub's own machine (admin commands).
    @RegisterExtension
    static final HubExtension hub = new HubExtension(
            c -> c.withOverrides(c.db().resolveSibling("home").resolve("parley.db"), null, null));

    private final Cli alice = Cli.at(hub).with("PARLEY_NAME", "alice");
    private final Cli bob = alice.with("PARLEY_NAME", "bob");

    @Test
    void the_creator_renames_archives_and_deletes_and_a_member_sets_the_topic_and_leaves() throws Exception {
        assertThat(alice.run("channels", "create", "bench-1").code()).isZero();
        assertThat(bob.run("channels", "join", "bench-1").code()).isZero();

        Cli.Result refused = bob.run("channels", "rename", "bench-1", "mine");
        assertThat(refused.code()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("its creator, alice");
        Cli.Result renamed = alice.run("channels", "rename", "bench-1", "Bench One");
        assertThat(renamed.code()).as(renamed.toString()).isZero();
        assertThat(renamed.out()).contains("bench-1 is now bench-one");

        Cli.Result topic = bob.run("channels", "topic", "bench-one", "load runs");
        assertThat(topic.code()).as(topic.toString()).isZero();
        assertThat(bob.run("channels", "list", "--json").json()).anySatisfy(c -> {
            assertThat(c.path("name").asText()).isEqualTo("bench-one");
            assertThat(c.path("topic").asText()).isEqualTo("load runs");
        });

        assertThat(alice.run("channels", "archive", "bench-one").out()).contains("archived bench-one");
        assertThat(names(alice.run("channels", "--json").json())).doesNotContain("bench-one");
        Cli.Result archivedList = alice.run("channels", "--archived");
        assertThat(archivedList.out()).contains("bench-one").contains("(archived)");
        Cli.Result post = bob.run("send", "bench-one", "hello?");
        assertThat(post.code()).isNotZero();
        assertThat(post.err()).contains("archived");
        assertThat(alice.run("channels", "archive", "bench-one", "--undo").out()).contains("unarchived bench-one");

        Cli.Result left = bob.run("channels", "leave", "bench-one");
        assertThat(left.code()).as(left.toString()).isZero();
        assertThat(left.out()).contains("bob left bench-one");
        Cli.Result deleted = alice.run("channels", "delete", "bench-one");
        assertThat(deleted.code()).as(deleted.toString()).isZero();
        assertThat(names(alice.run("channels", "--archived", "--json").json())).doesNotContain("bench-one");
    }

    @Test
    void the_hubs_owner_deletes_any_channel_but_general_in_the_database() throws Exception {
        hub.rest().post("/api/channels/create", "{\"name\":\"clutter\",\"created_by\":\"bench-bot\"}");
        hub.rest().send("bench-bot", "clutter", "noise");

        assertThat(alice.run("admin", "channels").out()).contains("clutter").contains("general");
        Cli.Result deleted = alice.run("admin", "channels", "delete", "clutter");
        assertThat(deleted.code()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).contains("deleted clutter");
        assertThat(hub.rest().get("/api/messages/clutter").statusCode()).isEqualTo(404);

        Cli.Result general = alice.run("admin", "channels", "delete", "general");
        assertThat(general.code()).isEqualTo(Exit.REFUSED.code());
        assertThat(general.err()).contains("general cannot be deleted");
        assertThat(alice.run("admin", "channels", "delete", "nothing-here").code()).isEqualTo(Exit.NOT_FOUND.code());
    }

    @Test
    void the_hubs_owner_lists_participants_and_removes_one_with_its_traces() throws Exception {
        hub.rest().post("/api/channels/create", "{\"name\":\"bench-tidy\",\"created_by\":\"bench-gone\"}");
        hub.rest().send("bench-gone", "bench-tidy", "noise one");
        hub.rest().send("bench-gone", "general", "noise two");

        Cli.Result listed = alice.run("admin", "participants", "--json");
        assertThat(listed.code()).as(listed.toString()).isZero();
        assertThat(listed.json()).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("bench-gone");
            assertThat(p.path("messages").asLong()).isEqualTo(2);
        });

        Cli.Result removed = alice.run("admin", "participants", "remove", "bench-gone");
        assertThat(removed.code()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("removed bench-gone").contains("2 message(s) deleted");
        assertThat(alice.run("admin", "participants").out()).doesNotContain("bench-gone");
        assertThat(hub.rest().get("/api/messages/general").body()).doesNotContain("noise two");
        assertThat(alice.run("admin", "participants", "remove", "bench-gone").code()).isEqualTo(Exit.NOT_FOUND.code());
    }

    private static List<String> names(JsonNode channels) {
        List<String> names = new ArrayList<>();
        channels.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
