package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** parley mark-read against a real hub. */
class MarkReadCommandTest {
    @RegisterExtension
    static final HubExtension hub = new HubExtension();

    @Test
    void marks_a_channel_read_and_says_when_it_already_was() throws Exception {
        Cli pia = Cli.at(hub).with("PARLEY_NAME", "pia");
        hub.rest().send("pia", "general", "hello");
        hub.rest().send("max", "general", "one");
        hub.rest().send("max", "general", "two");

        Cli.Result marked = pia.run("mark-read", "general");
        assertThat(marked.code()).as(marked.toString()).isZero();
        assertThat(marked.out()).contains("general read up to #");
        assertThat(hub.rest().getJson("/api/unread/pia").toString()).doesNotContain("\"general\"");
        assertThat(pia.run("mark-read", "general").out()).contains("it already was");
        Cli.Result missing = pia.run("mark-read", "no-such-room");
        assertThat(missing.code()).as(missing.toString()).isEqualTo(Exit.NOT_FOUND.code());
    }
}
