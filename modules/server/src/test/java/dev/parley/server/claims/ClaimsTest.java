package dev.parley.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims through the real hub over REST: races, overlaps, renewals, releases, expiry, restarts, bad input. */
class ClaimsTest {
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
    void of_many_racing_claims_on_one_resource_exactly_one_wins_and_the_others_learn_the_holder() throws Exception {
        hub = InProcessHub.start(dir);
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String body = claim("agent-" + i, "src/server/**", 60, "refactor");
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return hub.post("/api/claims", body);
            }));
        }
        go.countDown();

        List<String> winners = new ArrayList<>();
        List<JsonNode> refusals = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            JsonNode json = Json.mapper().readTree(response.body());
            if (response.statusCode() == 201) {
                assertThat(json.path("granted").asBoolean()).isTrue();
                winners.add(json.path("claim").path("holder").asText());
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                refusals.add(json);
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(refusals).hasSize(racers - 1).allSatisfy(refusal -> {
            assertThat(refusal.path("code").asText()).isEqualTo("claim_held");
            assertThat(refusal.path("held_by").path("holder").asText()).isEqualTo(winners.get(0));
            assertThat(refusal.path("error").asText()).contains(winners.get(0)).contains("refactor");
        });
        JsonNode live = Json.mapper().readTree(hub.get("/api/claims").body());
        assertThat(live).hasSize(1);
        assertThat(live.get(0).path("resource").asText()).isEqualTo("src/server/**");
    }

    @Test
    void overlapping_globs_conflict_disjoint_ones_do_not_and_one_holder_may_overlap_itself() throws Exception {
        hub = InProcessHub.start(dir);
        assertThat(hub.post("/api/claims", claim("ann", "docs/*.md", 60, null)).statusCode()).isEqualTo(201);

        assertThat(hub.post("/api/claims", claim("bob", "docs/intro.md", 60, null)).statusCode()).isEqualTo(409);
        assertThat(hub.post("/api/claims", claim("bob", "docs/**", 60, null)).statusCode()).isEqualTo(409);
        assertThat(hub.post("/api/claims", claim("bob", "docs/img/logo.png", 60, null)).statusCode()).isEqualTo(201);
        assertThat(hub.post("/api/claims", claim("bob", "JIRA-7", 60, null)).statusCode()).isEqualTo(201);
        assertThat(hub.post("/api/claims", claim("ann", "docs/intro.md", 60, null)).statusCode())
                .as("the holder's own overlap").isEqualTo(201);

        JsonNode overlapping = Json.mapper().readTree(hub.get("/api/claims?overlapping=docs/intro.md").body());
        assertThat(overlapping).extracting(c -> c.path("resource").asText())
                .containsExactly("docs/*.md", "docs/intro.md");
        assertThat(Json.mapper().readTree(hub.get("/api/claims?holder=bob").body())).hasSize(2);
    }

    @Test
    void claiming_again_renews_and_a_release_frees_the_resource_for_others() throws Exception {
        hub = InProcessHub.start(dir);
        JsonNode first = Json.mapper().readTree(hub.post("/api/claims", claim("ann", "build.gradle", 30, "a")).body());
        HttpResponse<String> renewal = hub.post("/api/claims", claim("ann", "build.gradle", 600, "b"));

        assertThat(renewal.statusCode()).isEqualTo(200);
        JsonNode renewed = Json.mapper().readTree(renewal.body());
        assertThat(renewed.path("renewed").asBoolean()).isTrue();
        assertThat(renewed.path("claim").path("claim_id").asText()).isEqualTo(first.path("claim").path("claim_id").asText());
        assertThat(renewed.path("claim").path("note").asText()).isEqualTo("b");
        assertThat(renewed.path("claim").path("expires_in_seconds").asLong()).isGreaterThan(500);

        HttpResponse<String> strangers = hub.post("/api/claims/release",
                "{\"participant\":\"bob\",\"resource\":\"build.gradle\"}");
        assertThat(strangers.statusCode()).as("nobody releases another's claim").isEqualTo(404);
        assertThat(hub.post("/api/claims", claim("bob", "build.gradle", 60, null)).statusCode()).isEqualTo(409);

        HttpResponse<String> released = hub.post("/api/claims/release",
                "{\"participant\":\"ann\",\"claim_id\":\"" + first.path("claim").path("claim_id").asText() + "\"}");
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(hub.post("/api/claims", claim("bob", "build.gradle", 60, null)).statusCode()).isEqualTo(201);
    }

    @Test
    void an_expired_claim_frees_the_resource_by_itself_and_is_announced_in_its_channel() throws Exception {
        hub = InProcessHub.start(dir);
        assertThat(hub.post("/api/claims", "{\"participant\":\"ann\",\"resource\":\"deploy\",\"ttl\":1,"
                + "\"channel\":\"general\",\"note\":\"release 2.1\"}").statusCode()).isEqualTo(201);

        // The hub's own timer expires it: wait for the announcement, not for a guessed time.
        JsonNode expired = awaitMessage("general", "ran out");
        assertThat(expired.path("sender").asText()).isEqualTo("ann");
        assertThat(Json.mapper().readTree(expired.path("metadata_json").asText()).path("parley_claim")
                .path("event").asText()).isEqualTo("expired");
        assertThat(Json.mapper().readTree(hub.get("/api/claims").body())).isEmpty();
        assertThat(hub.post("/api/claims", claim("bob", "deploy", 60, null)).statusCode()).isEqualTo(201);
        JsonNode history = history("general");
        assertThat(history.toString()).contains("claimed `deploy`").contains("release 2.1");
        assertThat(hub.get("/metrics").body()).containsPattern("(?m)^parley_claims_expired_total 1$");
    }

    @Test
    void claims_survive_a_restart_and_still_expire_after_it() throws Exception {
        hub = InProcessHub.start(dir);
        assertThat(hub.post("/api/claims", claim("ann", "long/**", 3600, "kept")).statusCode()).isEqualTo(201);
        assertThat(hub.post("/api/claims", "{\"participant\":\"ann\",\"resource\":\"short\",\"ttl\":2,"
                + "\"channel\":\"general\"}").statusCode()).isEqualTo(201);
        hub.close();
        hub = InProcessHub.start(dir);

        assertThat(hub.post("/api/claims", claim("bob", "long/x", 60, null)).statusCode()).isEqualTo(409);
        awaitMessage("general", "the claim on `short` ran out");
        JsonNode live = Json.mapper().readTree(hub.get("/api/claims").body());
        assertThat(live).extracting(c -> c.path("resource").asText()).containsExactly("long/**");
    }

    @Test
    void sockets_claim_and_release_and_every_claims_session_hears_the_changes() throws Exception {
        hub = InProcessHub.start(dir);
        try (RawSocket ann = hub.client("ann", "claims"); RawSocket bob = hub.client("bob", "claims");
             RawSocket compat = hub.client("carl")) {
            ann.send("claim", "resource", "infra/terraform/", "note", "upgrade", "client_msg_id", "c1");
            JsonNode granted = ann.await("claim_result");
            assertThat(granted.path("granted").asBoolean()).isTrue();
            assertThat(granted.path("client_msg_id").asText()).isEqualTo("c1");
            JsonNode heard = bob.await("claim_changed");
            assertThat(heard.path("change").asText()).isEqualTo("granted");
            assertThat(heard.path("claim").path("holder").asText()).isEqualTo("ann");

            bob.send("claim", "resource", "infra/terraform/main.tf");
            JsonNode refused = bob.await("claim_result");
            assertThat(refused.path("granted").asBoolean()).isFalse();
            assertThat(refused.path("code").asText()).isEqualTo("claim_held");
            assertThat(refused.path("held_by").path("holder").asText()).isEqualTo("ann");

            bob.send("list_claims", "overlapping", "infra/terraform/main.tf");
            assertThat(bob.await("claims").path("claims")).hasSize(1);

            ann.send("release", "resource", "infra/terraform/");
            assertThat(ann.await("release_result").path("released").asBoolean()).isTrue();
            assertThat(bob.await(f -> f.path("type").asText().equals("claim_changed")
                    && f.path("change").asText().equals("released"), java.time.Duration.ofSeconds(10))).isNotNull();

            ann.send("claim", "resource", " ");
            assertThat(ann.await("error").path("request_type").asText()).isEqualTo("claim");
            compat.roundTrip();
            assertThat(compat.frames("claim_changed")).as("a compat client hears no extension frame").isEmpty();
        }
    }

    @Test
    void a_claim_asked_to_end_with_its_holders_last_session_does_but_a_hub_restart_keeps_it() throws Exception {
        hub = InProcessHub.start(dir);
        try (RawSocket first = hub.client("ann", "claims"); RawSocket second = hub.client("ann", "claims")) {
            first.send(Json.mapper().createObjectNode().put("type", "claim").put("resource", "laptop/")
                    .put("release_on_disconnect", true));
            assertThat(first.await("claim_result").path("granted").asBoolean()).isTrue();
            first.send(Json.mapper().createObjectNode().put("type", "claim").put("resource", "kept").put("ttl", 600));
            first.await(f -> f.path("type").asText().equals("claim_result")
                    && f.path("claim").path("resource").asText().equals("kept"), java.time.Duration.ofSeconds(10));
            first.close();
            second.roundTrip();
            assertThat(resources()).as("another session of ann is still open").contains("laptop/");
            second.close();
            awaitResources(live -> !live.contains("laptop/"));
            assertThat(resources()).containsExactly("kept");
        }
        try (RawSocket again = hub.client("ann", "claims")) {
            again.send(Json.mapper().createObjectNode().put("type", "claim").put("resource", "desk/")
                    .put("release_on_disconnect", true));
            assertThat(again.await("claim_result").path("granted").asBoolean()).isTrue();
            hub.close(); // the hub stops with ann still connected: a restart keeps the claim
        }
        hub = InProcessHub.start(dir);
        assertThat(resources()).contains("desk/", "kept");
    }

    private List<String> resources() throws Exception {
        List<String> resources = new ArrayList<>();
        Json.mapper().readTree(hub.get("/api/claims").body()).forEach(c -> resources.add(c.path("resource").asText()));
        return resources;
    }

    private void awaitResources(java.util.function.Predicate<List<String>> condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.test(resources())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("claims never became as expected: " + resources());
            }
            Thread.sleep(20); // the release follows the socket's close on the hub's side
        }
    }

    @Test
    void hostile_input_gets_clear_errors_and_stores_nothing() throws Exception {
        hub = InProcessHub.start(dir);
        assertBad(claim("ann", "", 60, null), 400, "'resource' is required");
        assertBad(claim("ann", "x".repeat(300), 60, null), 413, "limit is 256");
        assertBad(claim("ann", "a\u0000b", 60, null), 400, "control");
        assertBad(claim("ann", "ok", 0, null), 400, "1 to 86400 seconds");
        assertBad(claim("ann", "ok", 999_999, null), 400, "1 to 86400 seconds");
        assertBad(claim("ann", "ok", 60, "n".repeat(501)), 413, "limit is 500");
        assertBad(claim("not a name!", "ok", 60, null), 400, "");
        assertBad("{\"participant\":\"ann\",\"resource\":\"ok\",\"channel\":\"no-such-room\"}", 404, "channel");
        assertBad("{\"participant\":\"ann\",\"resource\":\"ok\",\"ttl\":\"soon\"}", 400, "ttl");

        assertThat(Json.mapper().readTree(hub.get("/api/claims").body())).isEmpty();
        assertThat(hub.get("/api/participants/ann").statusCode()).as("a refused first claim registers nobody")
                .isEqualTo(404);
    }

    private void assertBad(String body, int status, String detail) throws Exception {
        HttpResponse<String> response = hub.post("/api/claims", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        assertThat(response.body()).contains(detail);
    }

    private JsonNode awaitMessage(String channel, String text) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (JsonNode message : history(channel)) {
                if (message.path("body").asText().contains(text)) {
                    return message;
                }
            }
            Thread.sleep(50); // polling the hub's history: the expiry runs on the hub's own timer
        }
        throw new AssertionError("no message containing '" + text + "' in " + channel + ": " + history(channel));
    }

    private JsonNode history(String channel) throws Exception {
        return Json.mapper().readTree(hub.get("/api/messages/" + channel + "?limit=100").body());
    }

    private static String claim(String holder, String resource, long ttl, String note) {
        StringBuilder body = new StringBuilder("{\"participant\":").append(quote(holder))
                .append(",\"resource\":").append(quote(resource)).append(",\"ttl\":").append(ttl);
        if (note != null) {
            body.append(",\"note\":").append(quote(note));
        }
        return body.append('}').toString();
    }

    private static String quote(String text) {
        return Json.mapper().getNodeFactory().textNode(text).toString();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
