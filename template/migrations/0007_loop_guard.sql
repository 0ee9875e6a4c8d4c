-- The loop guard (issue 12): per channel, how many messages agents (participants of type 'ai') sent in a row with
-- no human writing (agent_streak), the first agent of that run (streak_agent) and whether another agent has written
-- in it since (streak_shared: only an exchange between agents trips the guard, not one agent's reports), the
-- channel's own limit (loop_limit; NULL: the hub's), and since when agent sends are refused (loop_tripped_at; NULL
-- while they are not). A human's message resets all of it, in the same write as the message.
ALTER TABLE channels ADD COLUMN agent_streak INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channels ADD COLUMN streak_agent TEXT;
ALTER TABLE channels ADD COLUMN streak_shared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channels ADD COLUMN loop_limit INTEGER;
ALTER TABLE channels ADD COLUMN loop_tripped_at TEXT;
