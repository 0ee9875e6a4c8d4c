package dev.parley.server.rest;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pages of a list ordered by name: {@code ?limit=N} (default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}) and {@code ?after=NAME}, the last name of the page before. The body stays a
 * plain JSON array, as the reference hub answers; when more follows, the answer says where the next
 * page starts in {@code X-Parley-Next} (the cursor) and in {@code Link: <...>; rel="next"}.
 *
 * <pre>curl -i 'localhost:9700/api/channels?limit=2'   then   curl 'localhost:9700/api/channels?limit=2&amp;after=build'</pre>
 *
 * @param after the cursor: only names that sort after it (null: from the first)
 * @param limit the most rows the page holds
 */
record Paging(String after, int limit) {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1_000;
    /** The header carrying the next page's cursor. */
    static final String NEXT_HEADER = "X-Parley-Next";

    /** The page a request asks for. */
    static Paging of(Context ctx) {
        String after = ctx.queryParam("after");
        return new Paging(after == null || after.isEmpty() ? null : after, Requests.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT));
    }

    /** How many rows to read: one more than the page holds, to learn whether another page follows. */
    int probe() {
        return limit + 1;
    }

    /**
     * The page out of {@link #probe()} rows; when there were more, sets the headers that lead to the
     * next page.
     */
    <T> List<T> finish(Context ctx, List<T> rows, Function<T, String> name) {
        if (rows.size() <= limit) {
            return rows;
        }
        List<T> page = rows.subList(0, limit);
        String next = name.apply(page.get(page.size() - 1));
        ctx.header(NEXT_HEADER, next);
        ctx.header("Link", "<" + nextUrl(ctx, next) + ">; rel=\"next\"");
        return page;
    }

    /** This request's path and query with {@code after} moved on; the token (if sent in the query) is left out. */
    private String nextUrl(Context ctx, String next) {
        StringBuilder url = new StringBuilder(ctx.path()).append("?limit=").append(limit).append("&after=")
                .append(encode(next));
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            String key = param.getKey();
            if (key.equals("after") || key.equals("limit") || key.equals("token")) {
                continue;
            }
            for (String value : param.getValue()) {
                url.append('&').append(encode(key)).append('=').append(encode(value));
            }
        }
        return url.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
