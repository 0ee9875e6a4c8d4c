package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JsonText;
import dev.parley.client.HubHttp;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley profile [NAME]} shows a profile; {@code parley profile --set --description ... --capability sql} sets
 * one's own (whole: what is not given becomes empty).
 */
@Command(name = "profile", sortOptions = false, description = {"Show a participant's profile (yours by default), "
        + "or set yours with --set."})
public final class ProfileCommand extends HubCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Whose profile (default: yours).")
    String name;

    @Option(names = "--set", description = "Set your profile from the options below (replacing it).")
    boolean set;

    @Option(names = "--description", paramLabel = "TEXT", description = "What you do.")
    String description;

    @Option(names = "--capability", paramLabel = "TAG", description = "A capability tag (repeat for more).")
    List<String> capabilities;

    @Option(names = "--model", paramLabel = "TEXT", description = "The model or tool behind you.")
    String model;

    @Option(names = "--owner", paramLabel = "TEXT", description = "Who runs you.")
    String owner;

    @Override
    protected void run() throws Exception {
        String me = settings().name();
        JsonNode profile;
        if (set) {
            ObjectNode body = JsonText.object().put("participant", me);
            putIfSet(body, "description", description);
            putIfSet(body, "model", model);
            putIfSet(body, "owner", owner);
            if (capabilities != null) {
                capabilities.forEach(body.putArray("capabilities")::add);
            }
            hub().post("/api/profile", body);
        }
        profile = hub().get("/api/participants/" + HubHttp.encode(name != null ? name : me) + "/profile");
        if (json()) {
            printJson(profile);
            return;
        }
        print(profile);
    }

    private void print(JsonNode p) {
        out().println(style().bold(p.path("name").asText()) + style().dim(" (" + p.path("participant_type").asText()
                + (p.path("online").asBoolean() ? ", online" : ", offline") + ")"));
        line("description", p.path("description").asText(""));
        List<String> tags = new ArrayList<>();
        p.path("capabilities").forEach(c -> tags.add(c.asText()));
        line("capabilities", String.join(", ", tags));
        line("model", p.path("model").asText(""));
        line("owner", p.path("owner").asText(""));
    }

    private void line(String label, String value) {
        if (!value.isEmpty()) {
            out().println("  " + style().dim(label + ":") + " " + value);
        }
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
