package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.register;
import static dev.parley.store.TestStore.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTest {
    private static final String GENERAL = Vocabulary.GENERAL_ID;

    @TempDir
    Path dir;

    private HubStore store;
    private StoredMessage tricky;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
        register(store, "alice", "bob");
        send(store, GENERAL, "alice", "Deploying the Frobnicator today");
        tricky = send(store, GENERAL, "alice", "say \"hi\" (now) AND 100% *done* NEAR_you -- x:y ^{col} a_b");
        send(store, GENERAL, "bob", "Grüße aus München, 日本語のテキスト 🙂");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void finds_any_substring_case_insensitively() {
        assertThat(bodies("frobnic")).containsExactly("Deploying the Frobnicator today");
        assertThat(bodies("NICATOR")).containsExactly("Deploying the Frobnicator today");
        assertThat(bodies("g the F")).containsExactly("Deploying the Frobnicator today");
        assertThat(bodies("MÜNCHEN")).hasSize(1);
        assertThat(bodies("nothing like this")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "\"\"\"", "*", "AND", "a AND b", "(", ")", "NEAR", "NEAR(a b)", "foo*", "-", "^",
            ":", "body:x", "'", "%", "_", "\\", "\u0000", "a\u0000b", "{body}: x", "OR NOT", "   ", "", "日本",
            "🙂", "ü", "a", "ab", "\"hi\" (", "100%", "*done*", "x:y", "^{col}", "NEAR_you", "a_b"})
    void hostile_queries_never_throw_and_only_return_bodies_containing_the_text(String q) {
        assertThatCode(() -> store.messages().search(q, Reader.ANONYMOUS, null, null)).doesNotThrowAnyException();
        assertThatCode(() -> store.messages().search(q, Reader.named("bob"), "bob", 5)).doesNotThrowAnyException();

        String literal = q.replace("\u0000", "").toLowerCase();
        assertThat(store.messages().search(q, Reader.ANONYMOUS, null, null))
                .allSatisfy(hit -> assertThat(hit.body().toLowerCase()).contains(literal));
    }

    @Test
    void query_syntax_in_the_text_is_matched_literally() {
        for (String q : List.of("\"hi\" (", "100%", "*done*", "AND 100", "x:y", "^{col}", "NEAR_you", "a_b", "%", "_")) {
            assertThat(store.messages().search(q, Reader.ANONYMOUS, null, null)).as(q).containsExactly(tricky);
        }
    }

    @Test
    void queries_shorter_than_three_characters_are_matched_as_substrings_too() {
        assertThat(bodies("Fr")).containsExactly("Deploying the Frobnicator today");
        assertThat(bodies("日本")).hasSize(1);
        assertThat(bodies("🙂")).hasSize(1);
    }

    @Test
    void results_are_newest_first_and_limited() {
        StoredMessage older = send(store, GENERAL, "alice", "needle one");
        StoredMessage newer = send(store, GENERAL, "alice", "needle two");

        assertThat(store.messages().search("needle", Reader.ANONYMOUS, null, null)).containsExactly(newer, older);
        assertThat(store.messages().search("needle", Reader.ANONYMOUS, null, 1)).containsExactly(newer);
        assertThat(store.messages().search("ne", Reader.ANONYMOUS, null, 1)).containsExactly(newer);
    }

    @Test
    void a_participant_finds_only_messages_of_their_channels() {
        register(store, "carol");
        String secret = await(store.channels().create("secret", "carol", null)).channel().channelId();
        StoredMessage hidden = send(store, secret, "carol", "classified needle");

        assertThat(store.messages().search("needle", Reader.named("bob"), "bob", null)).isEmpty();
        assertThat(store.messages().search("ne", Reader.named("bob"), "bob", null)).extracting(StoredMessage::body)
                .doesNotContain(hidden.body());
        assertThat(store.messages().search("needle", Reader.named("carol"), "carol", null)).containsExactly(hidden);
        assertThat(store.messages().search("needle", Reader.ANONYMOUS, null, null)).containsExactly(hidden);
        assertThat(hidden.channelName()).isEqualTo("secret");
    }

    @Test
    void only_hits_the_reader_may_read_are_found_and_the_limit_counts_readable_hits_only() {
        register(store, "kate", "liam");
        String dm = await(store.channels().dm("kate", "liam")).channelId();
        StoredMessage older = send(store, GENERAL, "alice", "public haystack 1");
        StoredMessage newer = send(store, GENERAL, "alice", "public haystack 2");
        StoredMessage forBob = await(store.messages().append(NewMessage.text(GENERAL, "alice", "haystack for bob")
                .to("bob"))).message();
        List<StoredMessage> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            secrets.add(send(store, dm, "kate", "private haystack " + i)); // newer than every public hit
        }

        for (String q : List.of("haystack", "ha")) { // full-text and the short-text scan
            assertThat(store.messages().search(q, Reader.ANONYMOUS, null, 2)).as(q).containsExactly(newer, older);
            assertThat(store.messages().search(q, Reader.named("alice"), null, 2)).as(q).containsExactly(forBob, newer);
            assertThat(store.messages().search(q, Reader.named("bob"), "bob", 3)).as(q)
                    .containsExactly(forBob, newer, older);
            assertThat(store.messages().search(q, Reader.named("carol"), null, 50)).as(q)
                    .containsExactly(newer, older);
            assertThat(store.messages().search(q, Reader.named("liam"), null, 5)).as(q)
                    .containsExactly(secrets.get(4), secrets.get(3), secrets.get(2), secrets.get(1), secrets.get(0));
            // A scope of someone else's channels does not widen what the reader sees.
            assertThat(store.messages().search(q, Reader.named("carol"), "kate", 50)).as(q)
                    .containsExactly(newer, older);
        }
    }

    @Test
    void edited_messages_are_found_by_their_new_text_and_deleted_ones_not_at_all() {
        StoredMessage message = send(store, GENERAL, "alice", "original wording");

        await(store.messages().edit(message.messageId(), "alice", "revised wording"));
        assertThat(bodies("original")).isEmpty();
        assertThat(bodies("revised")).containsExactly("revised wording");

        await(store.messages().delete(message.messageId(), "alice"));
        assertThat(bodies("wording")).isEmpty();
        assertThat(bodies("wo")).isEmpty();
    }

    private List<String> bodies(String q) {
        return store.messages().search(q, Reader.ANONYMOUS, null, null).stream().map(StoredMessage::body).toList();
    }
}
