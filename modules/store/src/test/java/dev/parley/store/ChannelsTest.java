package dev.parley.store;

import static dev.parley.store.TestStore.await;
import static dev.parley.store.TestStore.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelsTest {
    @TempDir
    Path dir;

    private HubStore store;

    @BeforeEach
    void open() {
        store = TestStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void a_new_participant_joins_general_and_registering_again_is_not_new() {
        assertThat(await(store.participants().register(
                new Registration("alice", "Alice A.", "human", "hw-1", "10.0.0.5")))).isTrue();
        assertThat(await(store.participants().register(Registration.of("alice")))).isFalse();

        assertThat(store.channels().members(Vocabulary.GENERAL_ID)).containsExactly("alice");
        assertThat(store.participants().find("alice")).hasValueSatisfying(alice -> {
            assertThat(alice.displayName()).isEqualTo("Alice A.");
            assertThat(alice.participantType()).isEqualTo("human");
            assertThat(alice.hostIp()).isEqualTo("10.0.0.5");
            assertThat(alice.lastSeenAt()).isGreaterThan(alice.createdAt());
        });
    }

    @Test
    void a_participant_registered_without_details_gets_defaults_and_unknown_types_become_ai() {
        await(store.participants().register(new Registration("bot", null, "robot", null, null)));

        assertThat(store.participants().find("bot")).hasValueSatisfying(bot -> {
            assertThat(bot.displayName()).isEqualTo("bot");
            assertThat(bot.participantType()).isEqualTo("ai");
        });
    }

    @Test
    void channel_names_are_trimmed_lower_cased_and_spaces_become_dashes() {
        register(store, "alice");

        ChannelCreation created = await(store.channels().create("  Team Alpha Ops ", "alice", "ops talk"));
        ChannelCreation again = await(store.channels().create("team alpha ops", "bob", "other topic"));

        assertThat(created.created()).isTrue();
        assertThat(created.channel().name()).isEqualTo("team-alpha-ops");
        assertThat(created.channel().channelId()).matches("ch-[0-9a-f]{12}");
        assertThat(created.channel()).extracting(Channel::channelType, Channel::createdBy, Channel::topic,
                Channel::isPrivate).containsExactly("group", "alice", "ops talk", false);
        assertThat(again.created()).isFalse();
        assertThat(again.channel()).isEqualTo(created.channel());
        assertThat(store.channels().members(created.channel().channelId())).containsExactly("alice");
    }

    @Test
    void a_blank_channel_name_is_refused() {
        assertThatThrownBy(() -> await(store.channels().create("   ", null, null)))
                .isInstanceOf(StoreException.Invalid.class);
    }

    @Test
    void creating_a_channel_for_an_unregistered_creator_fails_and_creates_nothing() {
        assertThatThrownBy(() -> await(store.channels().create("x", "ghost", null)))
                .isInstanceOf(StoreException.ParticipantNotFound.class);

        assertThat(store.channels().find("x")).isEmpty();
    }

    @Test
    void a_channel_is_found_by_id_or_by_name() {
        assertThat(store.channels().find("general")).map(Channel::channelId).contains(Vocabulary.GENERAL_ID);
        assertThat(store.channels().find(Vocabulary.GENERAL_ID)).map(Channel::name).contains("general");
        assertThat(store.channels().find("nope")).isEmpty();
        assertThatThrownBy(() -> store.channels().require("nope")).isInstanceOf(StoreException.ChannelNotFound.class);
    }

    @Test
    void joining_adds_a_member_once_and_unknown_channels_or_participants_fail() {
        register(store, "alice", "bob");
        await(store.channels().create("team", "alice", null));

        Channel joined = await(store.channels().join("team", "bob"));
        await(store.channels().join(joined.channelId(), "bob"));

        assertThat(store.channels().members(joined.channelId())).containsExactly("alice", "bob");
        assertThat(store.channels().isMember(joined.channelId(), "bob")).isTrue();
        assertThatThrownBy(() -> await(store.channels().join("nowhere", "bob")))
                .isInstanceOf(StoreException.ChannelNotFound.class);
        assertThatThrownBy(() -> await(store.channels().join("team", "ghost")))
                .isInstanceOf(StoreException.ParticipantNotFound.class);
    }

    @Test
    void a_dm_channel_is_named_by_the_sorted_names_holds_both_and_is_created_once() {
        register(store, "zed", "amy");

        Channel dm = await(store.channels().dm("zed", "amy"));
        Channel again = await(store.channels().dm("amy", "zed"));

        assertThat(dm.name()).isEqualTo("dm:amy:zed");
        assertThat(dm.channelType()).isEqualTo("dm");
        assertThat(dm.isPrivate()).isTrue();
        assertThat(again.channelId()).isEqualTo(dm.channelId());
        assertThat(store.channels().members(dm.channelId())).containsExactly("amy", "zed");
        assertThat(Vocabulary.dmName("b", "a")).isEqualTo("dm:a:b");
    }

    @Test
    void a_dm_channel_cannot_be_joined_by_a_third_participant() {
        register(store, "amy", "zed", "eve");
        Channel dm = await(store.channels().dm("amy", "zed"));

        assertThatThrownBy(() -> await(store.channels().join(dm.channelId(), "eve")))
                .isInstanceOf(StoreException.NotAllowed.class);
        assertThatThrownBy(() -> await(store.channels().dm("amy", "ghost")))
                .isInstanceOf(StoreException.ParticipantNotFound.class);
    }

    @Test
    void a_participants_channels_and_peers_follow_membership() {
        register(store, "alice", "bob", "carol");
        await(store.channels().create("team", "alice", null));
        await(store.channels().join("team", "bob"));

        assertThat(store.channels().channelsOf("bob")).extracting(Channel::name).containsExactly("general", "team");
        assertThat(store.channels().page(Reader.ANONYMOUS, null, 100)).extracting(Channel::name).containsExactly("general", "team");
        assertThat(store.participants().peers("alice")).containsExactly("bob", "carol");
        assertThat(store.participants().list()).extracting(Participant::name).containsExactly("alice", "bob", "carol");
    }

    @Test
    void the_first_registration_claims_a_name_and_later_registrations_do_not_replace_its_key() {
        Participants.Registered first = await(store.participants().register(Registration.of("alice"),
                Participants.KeyState.UNKNOWN, "salt$hash-1"));
        assertThat(first.isNew()).isTrue();
        assertThat(first.claimed()).isTrue();
        Participants.Registered again = await(store.participants().register(Registration.of("alice"),
                store.participants().keyState("alice"), "salt$hash-2"));
        assertThat(again.claimed()).isFalse();
        assertThat(store.participants().keyHash("alice")).contains("salt$hash-1");

        await(store.participants().setKeyHash("alice", "salt$hash-3"));
        assertThat(store.participants().keyHash("alice")).contains("salt$hash-3");
        assertThat(store.participants().keyHash("ghost")).isEmpty();
        assertThatThrownBy(() -> await(store.participants().setKeyHash("ghost", "h")))
                .isInstanceOf(StoreException.ParticipantNotFound.class);
    }

    @Test
    void hub_settings_are_stored_and_replaced() {
        await(store.settings().put("token_hash", "a"));
        await(store.settings().put("token_hash", "b"));

        assertThat(store.settings().get("token_hash")).contains("b");
        assertThat(store.settings().get("missing")).isEmpty();
    }
}
