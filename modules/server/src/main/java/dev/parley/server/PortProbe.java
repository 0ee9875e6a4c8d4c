package dev.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks, before the hub opens its database, that it may listen where it was told to, so that a busy port costs one
 * line and no migration, and Javalin logs no "Failed to start". The check is not a reservation: a program that takes
 * the port between this check and the bind still gets the same {@link PortUnavailableException} from the bind.
 */
final class PortProbe {
    private PortProbe() {}

    /** Binds and releases {@code host:port} (as Jetty will: address reuse on); port 0 is always free. */
    static void ensureFree(String host, int port) throws PortUnavailableException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortUnavailableException(host, port, e);
        }
    }
}
