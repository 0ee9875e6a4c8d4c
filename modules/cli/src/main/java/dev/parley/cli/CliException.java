package dev.parley.cli;

/**
 * The one way a command fails on purpose: an {@link Exit} code and a message for a person. {@link ParleyCli}
 * prints the message (never a stack trace) and exits with the code.
 */
public final class CliException extends RuntimeException {
    private final Exit exit;

    public CliException(Exit exit, String message) {
        super(message, null, false, false);
        this.exit = exit;
    }

    public CliException(Exit exit, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exit = exit;
    }

    /** The exit code this failure ends the process with. */
    public Exit exit() {
        return exit;
    }
}
