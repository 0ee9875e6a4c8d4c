package dev.parley.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.testing.InProcessHub;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files through the real hub over REST: upload, dedup, hostile content served safely, limits, the read rule. */
class AttachmentsRestTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'};
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private InProcessHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void an_upload_is_posted_as_a_file_ref_and_read_back_byte_for_byte_and_equal_bytes_are_one_blob() throws Exception {
        hub = InProcessHub.start(dir);
        byte[] text = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> up = upload("alice", "general", "notes.txt", "text/plain", text, "my notes");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode answer = Json.mapper().readTree(up.body());
        String id = answer.path("attachment_id").asText();
        assertThat(id).startsWith("at-");
        assertThat(answer.path("size").asLong()).isEqualTo(text.length);
        assertThat(answer.path("name").asText()).isEqualTo("notes.txt");
        assertThat(answer.path("content_type").asText()).isEqualTo("text/plain; charset=utf-8");
        assertThat(answer.path("url").asText()).isEqualTo("/api/attachments/" + id);
        assertThat(answer.path("sha256").asText()).hasSize(64);
        JsonNode message = answer.path("message");
        assertThat(message.path("message_type").asText()).isEqualTo("file_ref");
        assertThat(message.path("body").asText()).isEqualTo("my notes");
        assertThat(message.path("metadata").path("attachment_id").asText()).isEqualTo(id);

        HttpResponse<byte[]> down = download(id, "bob");
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(text);
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;").contains("filename=\"notes.txt\"");

        JsonNode again = Json.mapper().readTree(upload("bob", "general", "copy.txt", "text/plain", text, null).body());
        assertThat(again.path("attachment_id").asText()).isNotEqualTo(id);
        assertThat(again.path("sha256").asText()).isEqualTo(answer.path("sha256").asText());
        assertThat(hub.hub().services().store().attachments().blobCount()).isEqualTo(1);
    }

    @Test
    void hostile_files_are_served_as_downloads_of_a_type_no_browser_renders_with_nosniff_and_a_sandbox() throws Exception {
        hub = InProcessHub.start(dir);
        String html = "<html><script>alert(document.cookie)</script></html>";
        String svg = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        assertSafeDownload(upload("mallory", "general", "page.html", "text/html", bytes(html), null));
        assertSafeDownload(upload("mallory", "general", "pic.svg", "image/svg+xml", bytes(svg), null));
        assertSafeDownload(upload("mallory", "general", "cat.png", "image/png", bytes(html), null));
        assertSafeDownload(upload("mallory", "general", "cat.png", null, bytes(html), null));
        // declared as text, but it is HTML: text/plain with nosniff is not rendered, yet the name says .html
        assertSafeDownload(upload("mallory", "general", "x.html", "application/octet-stream", bytes(html), null));

        JsonNode png = Json.mapper().readTree(upload("alice", "general", "dot.png", "image/png", PNG, null).body());
        HttpResponse<byte[]> image = download(png.path("attachment_id").asText(), "bob");
        assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(image.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline;");
        assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(image.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    }

    @Test
    void an_upload_over_the_limit_is_refused_with_413_and_stores_nothing() throws Exception {
        Limits limits = Limits.DEFAULTS.withMaxAttachmentBytes(1000);
        hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0).withLimits(limits));
        assertThat(upload("alice", "general", "ok.bin", null, new byte[1000], null).statusCode()).isEqualTo(201);

        HttpResponse<String> refused = upload("alice", "general", "big.bin", null, new byte[1001], null);
        assertThat(refused.statusCode()).isEqualTo(413);
        JsonNode error = Json.mapper().readTree(refused.body());
        assertThat(error.path("code").asText()).isEqualTo("too_large");
        assertThat(error.path("error").asText()).contains("at most 1000 bytes");

        // a body with no declared length (chunked) is cut off at the byte past the limit just the same
        HttpRequest chunked = HttpRequest.newBuilder(uploadUri("general", "big.bin", null))
                .header("X-Parley-Name", "alice")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[5000])))
                .build();
        HttpResponse<String> cut = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(cut.statusCode()).isEqualTo(413);
        assertThat(hub.hub().services().store().attachments().blobCount()).isEqualTo(1);
    }

    @Test
    void bad_input_is_a_clear_400_or_404() throws Exception {
        hub = InProcessHub.start(dir);
        HttpResponse<String> noName = upload("alice", "general", null, null, bytes("x"), null);
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("'name' is missing");
        assertThat(upload("alice", "general", "..", null, bytes("x"), null).statusCode()).isEqualTo(400);
        assertThat(upload("alice", "no-such-channel", "a.txt", null, bytes("x"), null).statusCode()).isEqualTo(404);
        assertThat(download("at-000000000000", "alice").statusCode()).isEqualTo(404);

        JsonNode stored = Json.mapper().readTree(upload("alice", "general", "../../etc/passwd", null, bytes("x"), null)
                .body());
        assertThat(stored.path("name").asText()).isEqualTo("passwd");
    }

    @Test
    void a_file_posted_in_a_dm_is_read_by_its_two_members_only() throws Exception {
        hub = InProcessHub.start(dir);
        for (String name : new String[] {"alice", "bob", "eve"}) {
            assertThat(hub.post("/api/send", "{\"sender\":\"" + name + "\",\"channel\":\"general\",\"body\":\"hi\"}")
                    .statusCode()).isEqualTo(201);
        }
        HttpResponse<String> dm = hub.post("/api/dm", "{\"participant_a\":\"alice\",\"participant_b\":\"bob\"}");
        String channel = Json.mapper().readTree(dm.body()).path("name").asText();
        HttpResponse<String> up = upload("alice", channel, "secret.txt", "text/plain", bytes("for bob"), null);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        String id = Json.mapper().readTree(up.body()).path("attachment_id").asText();

        assertThat(download(id, "alice").statusCode()).isEqualTo(200);
        assertThat(download(id, "bob").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> eve = download(id, "eve");
        assertThat(eve.statusCode()).isEqualTo(404);
        assertThat(new String(eve.body(), StandardCharsets.UTF_8)).doesNotContain("for bob");
        assertThat(download(id, null).statusCode()).isEqualTo(404);
        assertThat(upload("eve", channel, "in.txt", null, bytes("let me in"), null).statusCode()).isEqualTo(404);
    }

    private void assertSafeDownload(HttpResponse<String> up) throws Exception {
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode answer = Json.mapper().readTree(up.body());
        assertThat(answer.path("content_type").asText()).isEqualTo("application/octet-stream");
        HttpResponse<byte[]> down = download(answer.path("attachment_id").asText(), "bob");
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/octet-stream");
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(down.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(down.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    }

    private HttpResponse<String> upload(String sender, String channel, String name, String type, byte[] body,
                                        String text) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uploadUri(channel, name, text))
                .header("X-Parley-Name", sender).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uploadUri(String channel, String name, String text) {
        String query = (name == null ? "" : "name=" + encode(name)) + (text == null ? "" : "&text=" + encode(text));
        return URI.create(hub.url() + "/api/channels/" + encode(channel) + "/files?" + query);
    }

    private HttpResponse<byte[]> download(String id, String reader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url() + "/api/attachments/" + id));
        if (reader != null) {
            request.header("X-Parley-Name", reader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
