package dev.parley.installer;

/** A failure the user can act on: one line on stderr and an exit code, never a stack trace. */
final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Exit exit;

    Failure(Exit exit, String message) {
        super(message);
        this.exit = exit;
    }

    /** Throws a failure unless {@code ok}. */
    static void require(boolean ok, Exit exit, String message) {
        if (!ok) {
            throw new Failure(exit, message);
        }
    }
}
