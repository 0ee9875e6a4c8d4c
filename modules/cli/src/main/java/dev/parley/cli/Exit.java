package dev.parley.cli;

/**
 * Every exit code of {@code parley}, in one place. Scripts may rely on them; the numbers never change meaning.
 *
 * <p>Delegated commands keep their own codes: {@code bench} (0 clean, 1 loss, 2 usage, 3 run failed) and
 * {@code mcp}; {@code serve} maps "another hub serves this database" to {@link #HUB_RUNNING}.
 */
public enum Exit {
    /** Done. */
    OK(0, "done"),
    /** A failure nobody foresaw (a bug, or the hub answered 500). */
    UNEXPECTED(1, "unexpected error"),
    /** Bad flag, missing or malformed argument; also a command this build does not have. */
    USAGE(2, "usage error"),
    /** No Parley hub answers at the server URL. */
    HUB_UNREACHABLE(3, "hub not reachable"),
    /** Unknown channel, message or participant; no local database or hub token. */
    NOT_FOUND(4, "not found"),
    /** The hub refused the credentials (hub token, participant key) or the access (not a member). */
    REFUSED(5, "refused"),
    /** The hub rejected the input (bad name or field, empty body, too large). */
    REJECTED(6, "rejected by the hub"),
    /** The hub is overloaded, rate-limiting, shutting down, or cannot write (disk full, database locked). */
    HUB_BUSY(7, "hub busy"),
    /** A local file cannot be read or written (backup target exists, output or config not writable). */
    FILE_ERROR(8, "file error"),
    /** {@code serve}: another hub already serves this database. */
    HUB_RUNNING(9, "hub already running");

    private final int code;
    private final String meaning;

    Exit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** A few words for the help footer. */
    public String meaning() {
        return meaning;
    }
}
