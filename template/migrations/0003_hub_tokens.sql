-- Hub tokens as salted hashes, several valid at once: `parley invite` on the hub machine issues a
-- fresh one, `parley invite --rotate` revokes all earlier ones. A plain-text token that an older hub
-- left in hub_settings is hashed into this table by the hub at its next start (a salted hash needs
-- random salt, so code does it, not this script).
CREATE TABLE hub_tokens(
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL,      -- salt$sha256(salt + token), format owned by the auth code
    label      TEXT NOT NULL,      -- who or what it was issued for
    created_at TEXT NOT NULL,
    revoked_at TEXT                -- NULL while the token is valid
);

-- 1 after `parley keys reset NAME` (without --new): the next registration under the name sets its
-- key, as a first registration would. 0 otherwise.
ALTER TABLE participants ADD COLUMN key_reset INTEGER NOT NULL DEFAULT 0;
