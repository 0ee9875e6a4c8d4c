package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** parley claim, release, claims against a real hub. */
class ClaimCommandsTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    private final Cli alice = Cli.at(hub).with("PARLEY_NAME", "alice");
    private final Cli bob = Cli.at(hub).with("PARLEY_NAME", "bob");

    @Test
    void a_claim_is_granted_refused_to_others_naming_the_holder_listed_and_released() throws Exception {
        Cli.Result granted = alice.run("claim", "cli/src/**", "--ttl", "600", "--note", "rewriting the parser");
        assertThat(granted.code()).as(granted.toString()).isZero();
        assertThat(granted.out()).contains("claimed").contains("cli/src/**");

        Cli.Result refused = bob.run("claim", "cli/src/Main.java");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(Exit.REFUSED.code());
        assertThat(refused.err()).contains("alice").contains("rewriting the parser");

        Cli.Result list = bob.run("claims");
        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("RESOURCE").contains("cli/src/**").contains("alice").contains("min");
        JsonNode json = bob.run("claims", "--overlapping", "cli/src/Main.java", "--json").json();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("holder").asText()).isEqualTo("alice");
        assertThat(bob.run("claims", "--holder", "bob", "--json").json()).isEmpty();

        Cli.Result notHers = bob.run("release", "cli/src/**");
        assertThat(notHers.code()).as(notHers.toString()).isEqualTo(Exit.NOT_FOUND.code());
        assertThat(notHers.err()).contains("bob holds no live claim");

        Cli.Result released = alice.run("release", "cli/src/**");
        assertThat(released.code()).as(released.toString()).isZero();
        assertThat(released.out()).contains("released cli/src/**");
        assertThat(bob.run("claim", "cli/src/Main.java", "--json").json().path("granted").asBoolean()).isTrue();
    }

    @Test
    void bad_input_is_a_usage_level_error_with_the_hubs_words() {
        Cli.Result tooLong = alice.run("claim", "x", "--ttl", "0");
        assertThat(tooLong.code()).as(tooLong.toString()).isNotZero();
        assertThat(tooLong.err()).contains("1 to 86400 seconds");
    }
}
