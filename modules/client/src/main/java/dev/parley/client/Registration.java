package dev.parley.client;

/**
 * What the hub answered {@link ParleyClient#register()}.
 *
 * @param name  the registered participant
 * @param isNew whether the name was new to the hub
 * @param key   the participant key a hub in {@code keys} mode made for a new name (shown this once), else null
 */
public record Registration(String name, boolean isNew, String key) {}
