package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class CommandWiringTest {
    @Test
    void every_command_is_registered_under_its_own_name() {
        Map<String, Class<?>> commands = ParleyCli.commandClasses();
        assertThat(commands.keySet()).containsExactly("send", "dm", "list", "listen", "pending", "ack", "ack-all",
                "channels", "presence", "participants", "status", "search", "history", "download", "claim", "release", "claims",
                "answer", "profile", "agents", "mark-read", "register", "invite", "join",
                "keys", "admin", "backup", "export", "template", "prune", "bench", "serve", "mcp", "help");
        commands.forEach((name, type) -> assertThat(type.getAnnotation(Command.class).name()).as(type.getName())
                .isEqualTo(name));
    }

    @Test
    void exit_codes_are_distinct_and_stable() {
        assertThat(Exit.values()).extracting(Exit::code).doesNotHaveDuplicates()
                .containsExactly(0, 1, 2, 3, 6, 9, 10, 11, 12, 13, 14);
    }
}
