package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.auth.AuthMode;
import dev.parley.testing.HubExtension;
import dev.parley.testing.RestProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI reads as its participant ({@code PARLEY_NAME} + {@code PARLEY_KEY}), and the hub shows it
 * only what that participant may read: kate and liam's DM is theirs, whatever another user asks.
 */
class ReadPrivacyCommandsTest {
    private static final String SECRET = "kate-and-liam-only";
    private static final String KATE_KEY = "kate-key-0123456789";

    @RegisterExtension
    static final HubExtension hub = new HubExtension(c -> c.withAuth(AuthMode.KEYS));

    private final Cli cli = Cli.at(hub);

    @BeforeAll
    static void seed() {
        RestProbe rest = hub.rest();
        rest.postJson("/api/send", "{\"sender\":\"liam\",\"channel\":\"general\",\"body\":\"hi\","
                + "\"key\":\"liam-key-0123456789\"}");
        rest.postJson("/api/send", "{\"sender\":\"mallory\",\"channel\":\"general\",\"body\":\"hi\","
                + "\"key\":\"mallory-key-0123456789\"}");
        rest.postJson("/api/dm", "{\"participant_a\":\"kate\",\"participant_b\":\"liam\",\"key\":\"" + KATE_KEY
                + "\"}");
        rest.postJson("/api/send", "{\"sender\":\"kate\",\"channel\":\"dm:kate:liam\",\"body\":\"" + SECRET
                + "\",\"key\":\"" + KATE_KEY + "\"}");
    }

    @Test
    void list_history_search_channels_and_export_refuse_another_pairs_dm() throws Exception {
        Cli mallory = cli.with("PARLEY_NAME", "mallory").with("PARLEY_KEY", "mallory-key-0123456789");
        for (String[] command : new String[][] {{"list", "dm:kate:liam"}, {"history", "dm:kate:liam"},
                {"history", "dm:kate:liam", "--after-seq", "0"}}) {
            Cli.Result result = mallory.run(command);
            assertThat(result.code()).as(result.toString()).isEqualTo(Exit.NOT_FOUND.code());
            assertThat(result.out() + result.err()).doesNotContain(SECRET).contains("channel not found");
        }
        for (String[] command : new String[][] {{"--json", "search", "kate"}, {"--json", "channels"}, {"export"}}) {
            Cli.Result result = mallory.run(command);
            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out() + result.err()).doesNotContain(SECRET).doesNotContain("dm:kate:liam");
        }
    }

    @Test
    void a_member_reads_its_dm_and_a_member_name_without_its_key_is_refused() throws Exception {
        Cli kate = cli.with("PARLEY_NAME", "kate").with("PARLEY_KEY", KATE_KEY);
        assertThat(kate.run("list", "dm:kate:liam").out()).contains(SECRET);
        assertThat(kate.run("--json", "search", "liam-only").out()).contains(SECRET);
        assertThat(kate.run("--json", "channels").out()).contains("dm:kate:liam");

        Cli.Result keyless = cli.with("PARLEY_NAME", "kate").run("list", "dm:kate:liam");
        assertThat(keyless.code()).as(keyless.toString()).isEqualTo(Exit.REFUSED.code());
        assertThat(keyless.out() + keyless.err()).doesNotContain(SECRET).contains("--key");
    }
}
