package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** parley profile and parley agents against a real hub. */
class ProfileCommandsTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    @Test
    void a_profile_is_set_shown_and_found() throws Exception {
        Cli bot = Cli.at(hub).with("PARLEY_NAME", "docs-bot");
        Cli.Result set = bot.run("profile", "--set", "--description", "Keeps the docs current", "--capability", "docs",
                "--capability", "markdown", "--owner", "team-docs");
        assertThat(set.code()).as(set.toString()).isZero();
        assertThat(set.out()).contains("docs-bot").contains("Keeps the docs current").contains("docs, markdown");

        Cli.Result found = Cli.at(hub).with("PARLEY_NAME", "ann").run("agents", "--capability", "markdown");
        assertThat(found.code()).as(found.toString()).isZero();
        assertThat(found.out()).contains("NAME").contains("docs-bot").contains("team-docs");
        assertThat(Cli.at(hub).run("agents", "docs", "--json").json().get(0).path("name").asText()).isEqualTo("docs-bot");
        assertThat(Cli.at(hub).run("agents", "--capability", "cobol").out()).contains("no agent matches");
        assertThat(Cli.at(hub).with("PARLEY_NAME", "ann").run("profile", "docs-bot", "--json").json()
                .path("owner").asText()).isEqualTo("team-docs");
    }
}
