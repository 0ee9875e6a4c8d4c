-- Profiles (issue 12): what a participant says about itself, so others can find who can do what.
-- capabilities are tags (lower case), one row each, so "who can review-java" is one indexed lookup.
CREATE TABLE profiles(
    participant  TEXT PRIMARY KEY REFERENCES participants(name),
    description  TEXT NOT NULL DEFAULT '',
    model        TEXT NOT NULL DEFAULT '',   -- the model or tool behind an agent, e.g. "claude-sonnet / MCP"
    owner        TEXT NOT NULL DEFAULT '',   -- who runs it (a person's name, a team)
    updated_at   TEXT NOT NULL
);
CREATE TABLE profile_capabilities(
    participant  TEXT NOT NULL REFERENCES participants(name),
    capability   TEXT NOT NULL,
    PRIMARY KEY (participant, capability)
);
CREATE INDEX profile_capabilities_by_capability ON profile_capabilities(capability);
