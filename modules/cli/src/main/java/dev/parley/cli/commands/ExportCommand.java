package dev.parley.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.output.Progress;
import dev.parley.cli.JsonText;
import dev.parley.client.HubHttp;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley export general -o general.jsonl}: every message of one channel, or of all, as JSON lines in
 * channel then sequence order, paging through {@code GET /api/messages/{channel}?after_seq=N&limit=1000}.
 * Works against a remote hub; the summary goes to stderr (to stdout as JSON with {@code --json -o FILE}).
 */
@Command(name = "export", sortOptions = false, description = "Export messages as JSON lines (one channel, or all).")
public final class ExportCommand extends HubCommand {
    private static final int PAGE = 1000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHANNEL", description = "Channel name or id (default: all).")
    String channel;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path file;

    @Option(names = "--after-seq", paramLabel = "SEQ", defaultValue = "0",
            description = "Only messages after this sequence number (one channel; resume an export).")
    long afterSeq;

    @Override
    protected void run() throws Exception {
        if (afterSeq != 0 && channel == null) {
            throw new CliException(Exit.USAGE, "--after-seq needs a CHANNEL");
        }
        List<JsonNode> channels = new ArrayList<>();
        if (channel == null) {
            hub().getAll("/api/channels").forEach(channels::add);
        }
        long total = 0;
        List<String> ids = new ArrayList<>();
        List<Long> lastSeqs = new ArrayList<>();
        for (String id : channel != null ? List.of(channel) : channels.stream().map(c -> c.path("channel_id").asText()).toList()) {
            JsonNode latest = hub().get("/api/messages/" + HubHttp.encode(id) + "?limit=1");
            long last = latest.isEmpty() ? 0 : latest.get(0).path("seq").asLong();
            ids.add(id);
            lastSeqs.add(last);
            total += Math.max(0, last - afterSeq);
        }
        long count = 0;
        try (Writer writer = open(); Progress progress = Progress.start(terminal(), "exporting", "messages", total)) {
            for (int i = 0; i < ids.size(); i++) {
                count += exportChannel(ids.get(i), lastSeqs.get(i), writer, progress);
            }
        } catch (IOException e) {
            throw new CliException(Exit.FILE_ERROR, "cannot write " + (file != null ? file : "stdout") + ": " + e.getMessage());
        }
        String where = file != null ? file.toString() : "stdout";
        if (json() && file != null) {
            printJson(JsonText.object().put("messages", count).put("channels", ids.size()).put("path", where));
        } else if (!json() || file != null) {
            err().println(style().dim("exported " + count + " messages from " + ids.size() + " channel"
                    + (ids.size() == 1 ? "" : "s") + " to " + where));
        }
    }

    /** Pages through one channel from {@code afterSeq} up to its last message when the export began. */
    private long exportChannel(String id, long lastSeq, Writer writer, Progress progress) throws IOException {
        long after = afterSeq;
        long count = 0;
        while (after < lastSeq) {
            JsonNode page = hub().get("/api/messages/" + HubHttp.encode(id) + "?after_seq=" + after + "&limit=" + PAGE);
            for (JsonNode message : page) {
                writer.write(JsonText.write(message));
                writer.write('\n');
                after = message.path("seq").asLong();
                count++;
            }
            progress.advance(page.size());
            if (page.size() < PAGE) {
                break;
            }
        }
        return count;
    }

    private Writer open() throws IOException {
        if (file == null) {
            return new OutputStreamWriter(out(), StandardCharsets.UTF_8) {
                @Override
                public void close() throws IOException {
                    flush(); // stdout stays open for whatever comes next
                }
            };
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }
}
