package dev.parley.server.claims;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a claimed resource covers, and whether two of them overlap.
 *
 * <p>A resource is free text — a path, a glob, a ticket — read as a glob: {@code *} is any run of characters
 * without {@code /}, {@code **} any run at all, {@code ?} one character other than {@code /}, a backslash makes the
 * next character plain; everything else stands for itself (case matters, as in paths). A resource ending in
 * {@code /} is a folder and covers everything below it ({@code src/} is {@code src/**}). Two resources overlap when
 * some path matches both: {@code src/**} and {@code src/a.java}, {@code *.md} and {@code README.*}, but not
 * {@code src/*} and {@code src/a/b.java}.
 *
 * <p>How: both globs become small automata and a breadth-first walk over pairs of their states looks for one
 * string both accept (at most (n+1)·(m+1) pairs for resources of n and m tokens).
 */
public final class ResourcePattern {
    private enum Kind { LITERAL, ONE, STAR, ANY }

    private record Token(Kind kind, char literal) {
        boolean loops() {
            return kind == Kind.STAR || kind == Kind.ANY;
        }
    }

    private ResourcePattern() {}

    /** Whether some path matches both resources. */
    public static boolean overlap(String a, String b) {
        List<Token> p = tokens(a);
        List<Token> q = tokens(b);
        int n = p.size();
        int m = q.size();
        boolean[][] seen = new boolean[n + 1][m + 1];
        Deque<int[]> todo = new ArrayDeque<>();
        visit(0, 0, seen, todo);
        while (!todo.isEmpty()) {
            int[] state = todo.poll();
            int i = state[0];
            int j = state[1];
            if (i == n && j == m) {
                return true;
            }
            // Skip a star (it matched nothing more), on either side.
            if (i < n && p.get(i).loops()) {
                visit(i + 1, j, seen, todo);
            }
            if (j < m && q.get(j).loops()) {
                visit(i, j + 1, seen, todo);
            }
            // Both read one common character.
            if (i < n && j < m && meet(p.get(i), q.get(j))) {
                visit(p.get(i).loops() ? i : i + 1, q.get(j).loops() ? j : j + 1, seen, todo);
            }
        }
        return false;
    }

    /** Whether a resource has any wildcard (else it only overlaps what matches it). */
    public static boolean isGlob(String resource) {
        return tokens(resource).stream().anyMatch(t -> t.kind() != Kind.LITERAL);
    }

    private static void visit(int i, int j, boolean[][] seen, Deque<int[]> todo) {
        if (!seen[i][j]) {
            seen[i][j] = true;
            todo.add(new int[] {i, j});
        }
    }

    /** Whether some one character is read by both tokens. */
    private static boolean meet(Token x, Token y) {
        if (x.kind() == Kind.LITERAL && y.kind() == Kind.LITERAL) {
            return x.literal() == y.literal();
        }
        if (x.kind() == Kind.LITERAL) {
            return y.kind() == Kind.ANY || x.literal() != '/';
        }
        if (y.kind() == Kind.LITERAL) {
            return x.kind() == Kind.ANY || y.literal() != '/';
        }
        return true; // any two of ?, *, ** share every character but '/'
    }

    private static List<Token> tokens(String resource) {
        List<Token> tokens = new ArrayList<>(resource.length() + 1);
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == '\\' && i + 1 < resource.length()) {
                tokens.add(new Token(Kind.LITERAL, resource.charAt(++i)));
            } else if (c == '*') {
                boolean any = i + 1 < resource.length() && resource.charAt(i + 1) == '*';
                if (any) {
                    while (i + 1 < resource.length() && resource.charAt(i + 1) == '*') {
                        i++;
                    }
                }
                Token star = new Token(any ? Kind.ANY : Kind.STAR, '\0');
                if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).loops() || any) {
                    tokens.add(star);
                }
            } else if (c == '?') {
                tokens.add(new Token(Kind.ONE, '\0'));
            } else {
                tokens.add(new Token(Kind.LITERAL, c));
            }
        }
        if (resource.endsWith("/") && !resource.endsWith("\\/")) {
            tokens.add(new Token(Kind.ANY, '\0'));
        }
        return tokens;
    }
}
