package dev.parley.protocol;

/**
 * Every exit code of Parley's programs (the bootstrap, the hub, {@code parley} and {@code parley bench}) in one
 * table: a number means the same thing whichever of them returns it, so the bootstrap can pass a hub's code
 * through and a script can test for one number. The README's "Exit codes" table lists these rows.
 *
 * <p>It lives in {@code protocol} because the CLI, the bench and the server may all import {@code protocol} and
 * nothing else they share (README, "Modules and what each may import"); like the wire, the codes are a contract
 * with whatever drives the program. The bootstrap imports nothing of ours, so {@code Bootstrap.Exit} repeats the
 * rows it returns (0 to 8); {@code BootstrapExitCodesTest} fails when the two disagree.
 *
 * <p>Numbers are never reused for another meaning; a new code gets the next free number. Rows 0 to 2 are also
 * picocli's defaults (an exception escaping a command gives 1, a bad option 2), so the picocli programs need no
 * mapping for those.
 */
public enum ExitCode {
    /** Done. */
    OK(0, "ok"),
    /** A failure nobody foresaw (a bug, or the hub answered 500). */
    UNEXPECTED(1, "unexpected error"),
    /** Bad flag, missing or malformed argument; also a command this build does not have. */
    USAGE(2, "usage error"),
    /** Bootstrap, {@code parley} (backup, keys, invite --rotate): no database file, or not a valid Parley database. */
    NO_DATABASE(3, "no database, or not a valid Parley database"),
    /** Bootstrap: a packed file does not match its sha256 or size, or a path leaves the workspace. */
    VERIFICATION_FAILED(4, "verification failed (tampered content or an unsafe path)"),
    /** Bootstrap: javac reported errors, or this Java cannot compile and no JBang was found. */
    COMPILE_FAILED(5, "compilation failed, or no way to compile (a JRE without JBang)"),
    /** Bootstrap, hub, {@code parley serve}: another hub holds the database's lock. */
    HUB_RUNNING(6, "a hub is running on the database"),
    /** Bootstrap {@code --upgrade}: the template is older than the live database. */
    DOWNGRADE_REFUSED(7, "downgrade refused (--force overrides)"),
    /** Bootstrap: a lean template's library is in no local Maven repository. */
    MISSING_LIBRARY(8, "a library is neither packed nor in the local Maven repository (lean template)"),
    /** {@code parley}: no Parley hub answers at the server URL. */
    HUB_UNREACHABLE(9, "hub not reachable, or not a Parley hub"),
    /** {@code parley}: unknown channel, message or participant; no hub token known. */
    NOT_FOUND(10, "not found"),
    /** {@code parley}: the hub refused the credentials (hub token, participant key) or the access (not a member). */
    REFUSED(11, "refused"),
    /** {@code parley}: the hub rejected the input (bad name or field, empty body, too large). */
    REJECTED(12, "rejected by the hub"),
    /** {@code parley}: the hub is overloaded, rate-limiting, shutting down, or cannot write. */
    HUB_BUSY(13, "hub busy"),
    /** {@code parley}: a local file cannot be read or written (backup target exists, output or config). */
    FILE_ERROR(14, "file error"),
    /** {@code parley bench}: messages were lost, duplicated or refused, or connections failed. */
    MESSAGES_LOST(15, "bench: messages lost, duplicated or refused"),
    /** {@code parley bench}: the run could not be carried out. */
    RUN_FAILED(16, "bench: the run could not be carried out"),
    /** Hub, {@code parley serve}: the port is in use by another program, or this user may not listen on it. */
    PORT_UNAVAILABLE(17, "the hub cannot listen on its port (in use, or not allowed)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** A few words for help texts and the README table. */
    public String meaning() {
        return meaning;
    }
}
