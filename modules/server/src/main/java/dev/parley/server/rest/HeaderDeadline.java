package dev.parley.server.rest;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractMetaDataConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Closes an HTTP connection that has not sent one complete request head within a deadline after
 * opening. Jetty's idle timeout alone does not stop a slowloris client: one header byte every few
 * seconds counts as activity, so such a connection (and its slot) would live for ever.
 *
 * <p>Connections that completed a request (a REST call, a WebSocket upgrade, after which the end
 * point belongs to the WebSocket connection) are left alone; the deadline runs on the connector's
 * own scheduler, so it costs one timer per new connection and no thread.
 *
 * <pre>javalin.jetty.modifyServer(server -> HeaderDeadline.install(server, 10_000));</pre>
 */
public final class HeaderDeadline implements Connection.Listener {
    private final Connector connector;
    private final long millis;

    private HeaderDeadline(Connector connector, long millis) {
        this.connector = connector;
        this.millis = millis;
    }

    /** Arms the deadline on every connector of the server as it starts (Javalin adds them just before). */
    public static void install(Server server, long millis) {
        if (millis <= 0) {
            return;
        }
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    connector.addEventListener(new HeaderDeadline(connector, millis));
                }
            }
        });
    }

    @Override
    public void onOpened(Connection connection) {
        // The connector's listeners see every connection, the WebSocket ones an upgrade makes too:
        // only HTTP connections (Jetty's HTTP/1 connection is a metadata connection) have a head to wait for.
        if (!(connection instanceof AbstractMetaDataConnection)) {
            return;
        }
        connector.getScheduler().schedule(() -> expire(connection), millis, TimeUnit.MILLISECONDS);
    }

    private static void expire(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint.isOpen() && endPoint.getConnection() == connection && connection.getMessagesIn() == 0) {
            endPoint.close();
        }
    }
}
