package dev.parley.server.auth;

import dev.parley.store.HubSettings;
import java.util.Optional;

/**
 * The hub's shared secret, generated at first start and kept in the database, so it survives
 * restarts and upgrades. The join code is what a new peer needs to connect: hub URL and token in
 * one string ({@code parley://host:port#token}).
 */
public final class HubToken {
    static final String SETTING = "hub_token";

    private final String token;
    private final boolean generatedNow;

    private HubToken(String token, boolean generatedNow) {
        this.token = token;
        this.generatedNow = generatedNow;
    }

    /** Loads the token, or generates and stores one (waiting until it is durable). */
    public static HubToken loadOrCreate(HubSettings settings) {
        Optional<String> stored = settings.get(SETTING);
        if (stored.isPresent()) {
            return new HubToken(stored.get(), false);
        }
        String token = Secrets.newSecret();
        settings.put(SETTING, token).join();
        return new HubToken(token, true);
    }

    public String value() {
        return token;
    }

    /** True when this start created the token (so it is shown once). */
    public boolean generatedNow() {
        return generatedNow;
    }

    /** True when a presented token is this one. */
    public boolean accepts(String presented) {
        return Secrets.same(token, presented);
    }

    /** The join code for a hub reachable at host:port. */
    public String joinCode(String host, int port) {
        return "parley://" + host + ":" + port + "#" + token;
    }
}
