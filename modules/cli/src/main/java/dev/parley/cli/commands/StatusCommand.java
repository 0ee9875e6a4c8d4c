package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.HubCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code parley status}: is the hub up, what does it hold, how is its write path doing ({@code GET /health} and
 * {@code GET /metrics}).
 */
@Command(name = "status", sortOptions = false, description = "Show the hub's health, counts and write-path metrics.")
public final class StatusCommand extends HubCommand {
    @Override
    protected void run() throws Exception {
        JsonNode health = hub().get("/health");
        Map<String, Long> metrics = metrics(hub().getText("/metrics"));
        if (json()) {
            ObjectNode document = JsonText.object().put("server_url", settings().serverUrl()).put("name", settings().name());
            document.set("health", health);
            ObjectNode numbers = document.putObject("metrics");
            metrics.forEach(numbers::put);
            printJson(document);
            return;
        }
        String state = health.path("status").asText();
        out().println(style().bold(health.path("product").asText("Parley") + " " + health.path("version").asText())
                + style().dim(" (build " + shortHash(health.path("build_hash").asText()) + ")") + " at "
                + settings().serverUrl() + ": " + ("ok".equals(state) ? style().green(state) : style().red(state))
                + ", auth " + health.path("auth_mode").asText("?"));
        if (health.hasNonNull("reason")) {
            out().println("  " + style().red(health.path("reason").asText()));
        }
        out().printf("  participants %s, online %s, connections %s%n", health.path("participants").asText(),
                health.path("online").asText(), health.path("connections").asText("?"));
        out().printf("  channels %s, messages %s, queued for delivery %s%n", health.path("channels").asText(),
                health.path("messages").asText(), health.path("queued").asText());
        if (metrics.containsKey("parley_commits_total")) {
            out().printf("  writes: %d commits of %d tasks (avg %.2f, max %d a batch), %d waiting%n",
                    metrics.get("parley_commits_total"), metrics.getOrDefault("parley_write_tasks_total", 0L),
                    metrics.getOrDefault("parley_commit_batch_avg_x100", 0L) / 100.0,
                    metrics.getOrDefault("parley_commit_batch_max", 0L),
                    metrics.getOrDefault("parley_write_queue_depth", 0L));
        }
        out().println(style().dim("  you are " + settings().name()));
    }

    /** The samples of a Prometheus text page: name → value (integers; labelled samples keep their labels). */
    static Map<String, Long> metrics(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space > 0) {
                try {
                    values.put(line.substring(0, space).strip(), (long) Double.parseDouble(line.substring(space + 1)));
                } catch (NumberFormatException ignored) {
                    // not a number: not a sample we can show
                }
            }
        }
        return values;
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
