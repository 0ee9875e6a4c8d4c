package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One MCP tool: what the agent sees (name, title, description, input schema, behaviour hints) and
 * what a call does. A handler returns the JSON result or throws {@link ToolError} /
 * {@code ParleyException}; {@link ToolCatalog} turns either into the MCP result.
 */
record ParleyTool(String name, String title, String description, Schema schema, Hints hints, Handler handler) {

    /** What a call does with its arguments. */
    @FunctionalInterface
    interface Handler {
        JsonNode call(Args args, Progress progress);
    }

    /** Progress news for a long call (sent only when the client asked for progress). */
    @FunctionalInterface
    interface Progress {
        void report(double done, double total, String message);

        Progress NONE = (done, total, message) -> { };
    }

    /**
     * The MCP behaviour hints.
     *
     * @param readOnly    changes nothing anyone else can see
     * @param idempotent  calling again with the same arguments changes nothing more
     * @param destructive may remove something
     * @param openWorld   reaches other participants (messages they will read)
     */
    record Hints(boolean readOnly, boolean idempotent, boolean destructive, boolean openWorld) {
        /** Reads the hub; safe to call any time. */
        static Hints reading() {
            return new Hints(true, true, false, false);
        }

        /** Reads and moves this participant's own bookkeeping (what was handed over), nothing others see as content. */
        static Hints consumingInbox() {
            return new Hints(true, false, false, false);
        }

        /** Posts something other participants will see. */
        static Hints posting() {
            return new Hints(false, false, false, true);
        }

        /** Changes hub state; {@code idempotent} when a repeat changes nothing more. */
        static Hints changing(boolean idempotent) {
            return new Hints(false, idempotent, false, false);
        }

        /** Removes something. */
        static Hints removing() {
            return new Hints(false, true, true, false);
        }
    }
}
