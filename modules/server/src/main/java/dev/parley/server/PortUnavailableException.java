package dev.parley.server;

import java.io.IOException;
import java.net.BindException;

/**
 * The hub cannot listen where it was told to: another program holds the port, or this user may not bind it (ports
 * below 1024, an address the machine does not have). {@link HubMain} turns it into one line and
 * {@link dev.parley.protocol.ExitCode#PORT_UNAVAILABLE}, not a stack trace.
 */
public final class PortUnavailableException extends IOException {
    private final boolean inUse;

    PortUnavailableException(String host, int port, Throwable cause) {
        super(describe(host, port, cause), cause);
        this.inUse = inUse(cause);
    }

    /** True when another program listens on the port (rather than the bind not being allowed). */
    public boolean inUse() {
        return inUse;
    }

    private static String describe(String host, int port, Throwable cause) {
        if (inUse(cause)) {
            return "port " + port + " is in use";
        }
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot listen on " + host + ":" + port + " (" + root.getMessage() + ")";
    }

    /** Jetty wraps the JDK's BindException; its text is "Address already in use" on every OS we run on. */
    private static boolean inUse(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException && t.getMessage() != null && t.getMessage().contains("in use")) {
                return true;
            }
        }
        return false;
    }
}
