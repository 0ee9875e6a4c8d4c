package dev.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** send_file and read_file through the MCP SDK client, against a real hub. */
class FileToolsTest extends HubAndAgent {
    @TempDir
    Path dir;

    @Test
    void a_file_sent_from_a_path_is_a_file_ref_and_reads_back_as_text_cut_at_max_bytes_with_a_note() throws Exception {
        Path notes = dir.resolve("notes.md");
        Files.writeString(notes, "# Plan\n" + "step\n".repeat(100));
        JsonNode sent = mcp.ok("send_file", "channel", "general", "path", notes.toString(), "text", "the plan");
        String id = sent.path("attachment_id").asText();
        assertThat(id).startsWith("at-");
        assertThat(sent.path("name").asText()).isEqualTo("notes.md");
        assertThat(sent.path("size").asLong()).isEqualTo(Files.size(notes));
        assertThat(sent.path("message_id").asText()).isNotBlank();
        assertThat(sent.path("channel").asText()).isEqualTo("general");

        JsonNode whole = mcp.ok("read_file", "attachment_id", id);
        assertThat(whole.path("text").asText()).isEqualTo(Files.readString(notes));
        assertThat(whole.path("truncated").asBoolean()).isFalse();
        assertThat(whole.path("name").asText()).isEqualTo("notes.md");

        JsonNode cut = mcp.ok("read_file", "attachment_id", id, "max_bytes", 10);
        assertThat(cut.path("text").asText()).isEqualTo("# Plan\nste");
        assertThat(cut.path("truncated").asBoolean()).isTrue();
        assertThat(cut.path("note").asText()).contains("the first 10");
    }

    @Test
    void binary_content_goes_up_and_comes_back_as_base64() {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0, 42};
        JsonNode sent = mcp.ok("send_file", "channel", "general", "name", "blob.bin",
                "content_base64", Base64.getEncoder().encodeToString(bytes));
        JsonNode read = mcp.ok("read_file", "attachment_id", sent.path("attachment_id").asText(), "max_bytes", 4);
        assertThat(read.has("text")).isFalse();
        assertThat(Base64.getDecoder().decode(read.path("content_base64").asText()))
                .isEqualTo(new byte[] {0, 1, 2, (byte) 0xFF});
        assertThat(read.path("content_type").asText()).isEqualTo("application/octet-stream");
        assertThat(read.path("size").asInt()).isEqualTo(7);
        assertThat(read.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void bad_arguments_and_unknown_files_are_clear_tool_errors() {
        assertThat(mcp.error("send_file", "channel", "general")).contains("exactly one of 'path' and 'content_base64'");
        assertThat(mcp.error("send_file", "channel", "general", "content_base64", "AAAA")).contains("'name'");
        assertThat(mcp.error("send_file", "channel", "general", "path", dir.resolve("nope").toString()))
                .contains("no such file");
        assertThat(mcp.error("read_file", "attachment_id", "at-000000000000")).contains("attachment not found");
        assertThat("x".getBytes(StandardCharsets.UTF_8)).hasSize(1);
    }
}
