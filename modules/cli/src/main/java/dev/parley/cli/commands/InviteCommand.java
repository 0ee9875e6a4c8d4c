package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JoinCode;
import dev.parley.cli.Settings;
import dev.parley.cli.hub.HubHttp;
import dev.parley.cli.hub.LocalDatabase;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley invite}: prints the join code another machine needs ({@code parley://host:port#token}). The token
 * comes from the hub's database when it lives on this machine, else from the configured token.
 */
@Command(name = "invite", sortOptions = false, description = "Print a join code for another machine:"
        + " parley://host:port#token (run it on the hub's machine).")
public final class InviteCommand extends HubCommand {
    @Option(names = "--host", paramLabel = "HOST", description = "Host or address others reach the hub at"
            + " (default: the server URL's host; for localhost, this machine's network address).")
    String host;

    @Override
    protected void run() throws Exception {
        Settings s = settings();
        URI server = URI.create(s.serverUrl());
        boolean hubIsHere = isThisMachine(server.getHost());
        LocalDatabase db = new LocalDatabase(s.db());
        String source;
        Optional<String> token = Optional.empty();
        if (hubIsHere && db.exists()) {
            token = db.hubToken();
            source = db.file().toString();
        } else {
            source = "configuration";
        }
        if (token.isEmpty() && s.token() != null) {
            token = Optional.of(s.token());
            source = "configuration";
        }
        if (token.isEmpty()) {
            throw new CliException(Exit.NOT_FOUND, "no hub token known: " + (db.exists()
                    ? "the database " + db.file() + " has none yet (start the hub once)"
                    : "no hub database at " + db.file() + " and no token configured")
                    + "; run `parley invite` on the hub's machine, or set PARLEY_DB");
        }
        int port = server.getPort() > 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        String reachableHost = host != null ? host : hubIsHere ? networkAddress() : server.getHost();
        JoinCode code = new JoinCode(reachableHost, port, token.get());
        if (json()) {
            ObjectNode document = JsonText.object().put("join_code", code.toString()).put("server_url", code.serverUrl())
                    .put("token_from", source);
            printJson(document);
            return;
        }
        out().println(code);
        err().println(style().dim("on the other machine: parley join " + code));
        err().println(style().dim("it holds the hub token: share it only with machines you trust"));
    }

    private static boolean isThisMachine(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** This machine's first site-local IPv4 address (what LAN peers can reach), else its host name. */
    private static String networkAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (SocketException | UnknownHostException e) {
            return "localhost";
        }
    }
}
