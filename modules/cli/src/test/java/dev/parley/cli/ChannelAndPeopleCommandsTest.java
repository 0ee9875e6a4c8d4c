package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** channels (list, create, join), presence, participants, register, status. */
class ChannelAndPeopleCommandsTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Cli cli = Cli.at(hub).with("PARLEY_NAME", "alice");
    private final Path dir = hub.dir();

    @Test
    void channels_create_says_whether_it_was_new_and_lists_the_channel() throws Exception {
        Cli.Result created = cli.run("channels", "create", "Build Bots", "--topic", "CI chatter");
        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.out()).contains("created build-bots");

        JsonNode again = cli.run("channels", "create", "build-bots", "--json").json();
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("name").asText()).isEqualTo("build-bots");
        assertThat(again.path("topic").asText()).isEqualTo("CI chatter");

        Cli.Result list = cli.run("channels");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("NAME").contains("build-bots").contains("CI chatter").contains("general");
        assertThat(names(cli.run("channels", "list", "--json").json())).contains("build-bots", "general");
    }

    @Test
    void channels_join_makes_you_a_member() throws Exception {
        hub.rest().postJson("/api/channels/create", "{\"name\":\"ops\",\"created_by\":\"carol\"}");
        Cli.Result human = cli.with("PARLEY_NAME", "dan").run("channels", "join", "ops");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("dan joined ops");

        JsonNode json = cli.with("PARLEY_NAME", "eve").run("--json", "channels", "join", "ops").json();
        assertThat(json.path("name").asText()).isEqualTo("ops");
        assertThat(json.path("channel_type").asText()).isEqualTo("group");
    }

    @Test
    void presence_lists_who_is_online_first() throws Exception {
        hub.rest().send("zed", "general", "zed was here");
        Cli.Result human = cli.run("presence");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("STATUS").contains("zed").contains("offline");

        JsonNode json = cli.run("presence", "--json").json();
        assertThat(names(json)).contains("zed");
        assertThat(cli.run("presence", "--online", "--json").json()).isEmpty();
        assertThat(cli.run("presence", "--online").out()).contains("nobody is online");
    }

    @Test
    void participants_lists_everyone_with_type_and_display_name() throws Exception {
        cli.with("PARLEY_NAME", "robo").run("register", "--type", "service", "--display-name", "Robo Cop");
        Cli.Result human = cli.run("participants");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("DISPLAY NAME").contains("robo").contains("Robo Cop").contains("service");

        JsonNode robo = find(cli.run("participants", "--json").json(), "robo");
        assertThat(robo.path("participant_type").asText()).isEqualTo("service");
        assertThat(robo.path("display_name").asText()).isEqualTo("Robo Cop");
    }

    @Test
    void register_says_whether_the_name_is_new_and_save_keeps_it_in_the_config() throws Exception {
        Cli fresh = new Cli(hub.url(), Files.createTempDirectory(dir, "home")).with("PARLEY_NAME", "newbie");
        Cli.Result first = fresh.run("register", "--type", "human", "--save");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("registered newbie").contains("saved to");
        assertThat(Files.readString(fresh.home().resolve("config.properties"))).contains("name=newbie");

        JsonNode again = fresh.run("register", "--json").json();
        assertThat(again.path("name").asText()).isEqualTo("newbie");
        assertThat(again.path("is_new").asBoolean()).isFalse();
        // The saved name is used without PARLEY_NAME.
        assertThat(fresh.with("PARLEY_NAME", null).run("--json", "send", "general", "hello").json()
                .path("sender").asText()).isEqualTo("newbie");
    }

    @Test
    void status_shows_health_counts_and_write_metrics() throws Exception {
        Cli.Result human = cli.run("status");
        assertThat(human.code()).as(human.toString()).isZero();
        assertThat(human.out()).contains("Parley").contains(": ok").contains("participants").contains("commits");

        JsonNode json = cli.run("status", "--json").json();
        assertThat(json.path("server_url").asText()).isEqualTo(hub.url());
        assertThat(json.path("health").path("status").asText()).isEqualTo("ok");
        assertThat(json.path("health").path("auth_mode").asText()).isEqualTo("open");
        assertThat(json.path("metrics").has("parley_messages_stored")).isTrue();
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }
}
