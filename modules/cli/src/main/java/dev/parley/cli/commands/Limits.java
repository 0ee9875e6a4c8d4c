package dev.parley.cli.commands;

import dev.parley.cli.CliException;
import dev.parley.cli.Exit;

/** Checks of numeric options, so a bad value is a usage error here rather than a rejection by the hub. */
final class Limits {
    private Limits() {}

    /** {@code value} when it is between 1 and {@code max}. */
    static int check(String option, int value, int max) {
        if (value < 1 || value > max) {
            throw new CliException(Exit.USAGE, option + " must be between 1 and " + max + ", not " + value);
        }
        return value;
    }
}
