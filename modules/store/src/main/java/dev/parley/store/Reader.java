package dev.parley.store;

import java.util.Objects;

/**
 * Whose eyes a read is for: a participant (by name, already proven by the caller) or an anonymous
 * reader, who sees public content only. Reads that take a reader return only what it may read (the
 * rule is the server's {@code ReadRule}; {@link ReadableSql} is its SQL form).
 *
 * @param name the participant's name, or null for an anonymous reader
 */
public record Reader(String name) {
    /** A reader without a name: public channels, and no targeted message. */
    public static final Reader ANONYMOUS = new Reader(null);

    /** The reader who is this participant. */
    public static Reader named(String name) {
        return new Reader(Objects.requireNonNull(name, "name"));
    }

    /** Whether the reader gave no name. */
    public boolean anonymous() {
        return name == null;
    }

    @Override
    public String toString() {
        return anonymous() ? "anonymous" : name;
    }
}
