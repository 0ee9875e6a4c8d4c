package dev.parley.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channel and participant lists come in pages by name: a plain array each, the next page named in headers. */
class PaginationTest {
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final int PARTICIPANTS = 205;

    @TempDir
    static Path dir;
    private static InProcessHub hub;
    private static final List<String> channels = new ArrayList<>(List.of("general"));
    private static final List<String> participants = new ArrayList<>();

    @BeforeAll
    static void fill() throws Exception {
        hub = InProcessHub.start(dir);
        for (int i = 0; i < 23; i++) {
            String name = String.format("room-%02d", i);
            hub.post("/api/channels/create", "{\"name\":\"" + name + "\"}");
            channels.add(name);
        }
        try (RawSocket registrar = RawSocket.connect(hub.port())) {
            for (int i = 0; i < PARTICIPANTS; i++) {
                String name = String.format("agent-%03d", i);
                registrar.send("register", "name", name);
                participants.add(name);
            }
            registrar.awaitCount(f -> "register_ok".equals(f.path("type").asText()), PARTICIPANTS,
                    java.time.Duration.ofSeconds(20));
        }
        channels.sort(null);
        participants.sort(null);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void following_x_parley_next_walks_every_channel_exactly_once_in_name_order() throws Exception {
        assertThat(walkByCursor("/api/channels", 5)).containsExactlyElementsOf(channels);
    }

    @Test
    void following_the_link_header_walks_every_participant_exactly_once() throws Exception {
        List<String> seen = new ArrayList<>();
        String url = "/api/participants?limit=17";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = hub.get(url);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(page.body());
            assertThat(body.isArray()).as("a plain array, as the reference hub answers").isTrue();
            assertThat(body.size()).isLessThanOrEqualTo(17);
            body.forEach(p -> seen.add(p.path("name").asText()));
            url = page.headers().firstValue("Link").map(link -> {
                Matcher m = NEXT_LINK.matcher(link);
                return m.find() ? m.group(1) : null;
            }).orElse(null);
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(participants);
        assertThat(pages).isEqualTo((PARTICIPANTS + 16) / 17);
    }

    @Test
    void presence_pages_the_same_way() throws Exception {
        assertThat(walkByCursor("/api/presence", 50)).containsExactlyElementsOf(participants);
    }

    @Test
    void one_participant_is_looked_up_by_name_without_walking_the_pages() throws Exception {
        String last = participants.get(participants.size() - 1); // far beyond the first page
        HttpResponse<String> found = hub.get("/api/participants/" + last);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(found.body()).path("name").asText()).isEqualTo(last);

        HttpResponse<String> missing = hub.get("/api/participants/nobody-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(missing.body()).path("code").asText()).isEqualTo("participant_not_found");
    }

    @Test
    void without_a_limit_a_page_holds_200_and_says_where_the_next_starts() throws Exception {
        HttpResponse<String> first = hub.get("/api/participants");
        assertThat(Json.mapper().readTree(first.body())).hasSize(200);
        assertThat(first.headers().firstValue("X-Parley-Next")).contains(participants.get(199));

        HttpResponse<String> last = hub.get("/api/participants?after=" + participants.get(199));
        assertThat(Json.mapper().readTree(last.body())).hasSize(PARTICIPANTS - 200);
        assertThat(last.headers().firstValue("X-Parley-Next")).isEmpty();
        assertThat(last.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void a_limit_above_the_maximum_is_capped_and_a_bad_one_refused() throws Exception {
        assertThat(Json.mapper().readTree(hub.get("/api/participants?limit=100000").body())).hasSize(PARTICIPANTS);
        HttpResponse<String> bad = hub.get("/api/channels?limit=zero");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(bad.body()).path("code").asText()).isEqualTo("bad_field");
        assertThat(hub.get("/api/channels?limit=0").statusCode()).isEqualTo(400);
    }

    private static List<String> walkByCursor(String path, int limit) throws Exception {
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            HttpResponse<String> page = hub.get(path + "?limit=" + limit + (after == null ? "" : "&after=" + after));
            assertThat(page.statusCode()).isEqualTo(200);
            Json.mapper().readTree(page.body()).forEach(row -> seen.add(row.path("name").asText()));
            String next = page.headers().firstValue("X-Parley-Next").orElse(null);
            if (next == null) {
                return seen;
            }
            after = next;
        }
    }
}
