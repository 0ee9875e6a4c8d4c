package dev.parley.cli;

import dev.parley.protocol.ExitCode;

/**
 * The exit codes {@code parley} returns: its rows of the one table, {@link ExitCode}. Scripts may rely on them;
 * the numbers never change meaning.
 *
 * <p>Delegated commands return their own rows of the same table: {@code bench} ({@link ExitCode#MESSAGES_LOST},
 * {@link ExitCode#RUN_FAILED}), {@code serve} (the hub's: {@link #HUB_RUNNING}) and {@code mcp}.
 */
public enum Exit {
    OK(ExitCode.OK),
    UNEXPECTED(ExitCode.UNEXPECTED),
    USAGE(ExitCode.USAGE),
    NO_DATABASE(ExitCode.NO_DATABASE),
    HUB_RUNNING(ExitCode.HUB_RUNNING),
    HUB_UNREACHABLE(ExitCode.HUB_UNREACHABLE),
    NOT_FOUND(ExitCode.NOT_FOUND),
    REFUSED(ExitCode.REFUSED),
    REJECTED(ExitCode.REJECTED),
    HUB_BUSY(ExitCode.HUB_BUSY),
    FILE_ERROR(ExitCode.FILE_ERROR);

    private final ExitCode shared;

    Exit(ExitCode shared) {
        this.shared = shared;
    }

    /** The process exit status. */
    public int code() {
        return shared.code();
    }

    /** A few words for the help footer. */
    public String meaning() {
        return shared.meaning();
    }
}
