package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A channel's life cycle, as you ({@code POST /api/channels/<change>}): {@code parley channels leave ops},
 * {@code rename ops war-room}, {@code topic ops "the outage"}, {@code archive ops} ({@code --undo}: unarchive),
 * {@code delete ops}. Who may is the hub's to decide: any member leaves or sets the topic; the creator renames,
 * archives and deletes. {@code general} stays as it is; DMs cannot be left.
 */
final class ChannelChangeCommands {
    private ChannelChangeCommands() {}

    /** One change: posts {@code channel}, {@code participant} and {@link #fields} to its route, prints the answer. */
    abstract static class Change extends HubCommand {
        @Parameters(index = "0", paramLabel = "CHANNEL", description = "Channel name or id.")
        String channel;

        abstract String route();

        abstract String done(String name);

        void fields(ObjectNode body) {}

        @Override
        protected void run() throws Exception {
            ObjectNode body = JsonText.object().put("channel", channel).put("participant", settings().name());
            fields(body);
            JsonNode answer = hub().post("/api/channels/" + route(), body);
            if (json()) {
                printJson(answer);
            } else {
                out().println(done(style().bold(answer.path("name").asText(channel))));
            }
        }
    }

    @Command(name = "leave", sortOptions = false, description = "Leave a channel: its messages stop coming to you.")
    public static final class Leave extends Change {
        String route() {
            return "leave";
        }

        String done(String name) {
            return settings().name() + " left " + name;
        }
    }

    @Command(name = "rename", sortOptions = false, description = "Rename a channel you created.")
    public static final class Rename extends Change {
        @Parameters(index = "1", paramLabel = "NEW_NAME", description = "Lower case letters, digits, '.', '_', '-'"
                + " (spaces become '-').")
        String name;

        String route() {
            return "rename";
        }

        void fields(ObjectNode body) {
            body.put("name", name);
        }

        String done(String renamed) {
            return channel + " is now " + renamed;
        }
    }

    @Command(name = "topic", sortOptions = false, description = "Set a channel's topic (any member may).")
    public static final class Topic extends Change {
        @Parameters(index = "1", paramLabel = "TEXT", arity = "0..1", description = "The topic; none: clear it.")
        String topic;

        String route() {
            return "topic";
        }

        void fields(ObjectNode body) {
            body.put("topic", topic == null ? "" : topic);
        }

        String done(String name) {
            return topic == null || topic.isEmpty() ? name + " has no topic" : "topic of " + name + ": " + topic;
        }
    }

    @Command(name = "archive", sortOptions = false, description = "Archive a channel you created: read-only, and"
            + " listed only with 'parley channels --archived'.")
    public static final class Archive extends Change {
        @Option(names = "--undo", description = "Unarchive it instead.")
        boolean undo;

        String route() {
            return undo ? "unarchive" : "archive";
        }

        String done(String name) {
            return (undo ? "unarchived " : "archived ") + name;
        }
    }

    @Command(name = "delete", sortOptions = false, description = "Delete a channel you created, with all its"
            + " messages (for good).")
    public static final class Delete extends Change {
        String route() {
            return "delete";
        }

        String done(String name) {
            return "deleted " + name + " and its messages";
        }
    }
}
