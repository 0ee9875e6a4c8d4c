package dev.parley.client;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** How {@link HubHttp} exchanges one request with the hub: the JDK's HttpClient, or HttpURLConnection. */
interface RestTransport {
    /** The answer to one request; {@code next} is the {@code X-Parley-Next} cursor of a paged list, or null. */
    record Reply(int status, String body, String next) {}

    /**
     * Sends one request and reads the whole answer, whatever its status.
     *
     * @param body the request body (JSON text), or null for none
     * @throws IOException when the hub cannot be reached or does not answer in time (a timeout exception)
     */
    Reply exchange(String method, URI uri, Map<String, String> headers, String body) throws IOException,
            InterruptedException;
}
