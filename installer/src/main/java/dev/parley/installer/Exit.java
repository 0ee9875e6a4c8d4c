package dev.parley.installer;

/**
 * The installer's exit codes: rows 0 to 8 of the one table every Parley program shares
 * ({@code dev.parley.protocol.ExitCode}, README "Exit codes"), repeated because the installer imports nothing of
 * the hub; ExitCodesTest keeps the two equal. A hub run from here passes its own code through.
 */
public enum Exit {
    OK(0, "ok"),
    UNEXPECTED(1, "unexpected error"),
    USAGE(2, "usage error"),
    NO_DATABASE(3, "no database, or not a valid Parley database"),
    VERIFICATION_FAILED(4, "verification failed (tampered content or an unsafe path)"),
    COMPILE_FAILED(5, "compilation failed, or no way to compile (a JRE without JBang)"),
    HUB_RUNNING(6, "a hub is running on the database"),
    DOWNGRADE_REFUSED(7, "downgrade refused (--force overrides)"),
    MISSING_LIBRARY(8, "a library is neither packed nor in the local Maven repository (lean template)");

    final int code;
    final String meaning;

    Exit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number a process exits with. */
    public int code() {
        return code;
    }

    /** The row's meaning, as {@code --help} lists it. */
    public String meaning() {
        return meaning;
    }
}
