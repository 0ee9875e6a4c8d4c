package dev.parley.cli.commands;

import dev.parley.cli.JsonText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.cli.Exit;
import dev.parley.cli.HubCommand;
import dev.parley.cli.JoinCode;
import dev.parley.cli.Settings;
import dev.parley.cli.hub.LocalDatabase;
import dev.parley.client.HubAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley invite}: prints the join code another machine needs ({@code parley://host:port#token}). On the hub's
 * machine it issues a fresh token (the database keeps only hashes, so no token can be read back), which the
 * running hub accepts within a second; {@code --rotate} also revokes every earlier one. Elsewhere it uses the
 * configured token.
 */
@Command(name = "invite", sortOptions = false, description = {"Print a join code for another machine:"
        + " parley://host:port#token.",
        "On the hub's machine this issues a new hub token each time (only its hash is stored; it is shown once);"
        + " earlier tokens keep working unless you add --rotate. Elsewhere it prints the configured token."})
public final class InviteCommand extends HubCommand {
    @Option(names = "--host", paramLabel = "HOST", description = "Host or address others reach the hub at"
            + " (default: the server URL's host; for localhost, this machine's network address).")
    String host;

    @Option(names = "--rotate", description = "Revoke every earlier hub token (peers that joined with one must"
            + " join again); the hub stops accepting them within a second. Hub machine only.")
    boolean rotate;

    @Option(names = "--label", paramLabel = "TEXT", description = "Who the token is for, kept beside its hash"
            + " (default: the time it was issued).")
    String label;

    @Override
    protected void run() throws Exception {
        Settings s = settings();
        HubAddress server = s.hub();
        boolean hubIsHere = isThisMachine(server.host());
        LocalDatabase db = new LocalDatabase(s.db());
        String source;
        Optional<String> token = Optional.empty();
        if (hubIsHere && db.exists()) {
            token = Optional.of(db.issueHubToken(label != null ? label : "parley invite at " + now(), rotate));
            source = db.file().toString();
        } else if (rotate) {
            throw new CliException(Exit.NO_DATABASE, "--rotate works on the hub's database: no hub database at "
                    + db.file() + " (run it on the hub's machine, or set PARLEY_DB)");
        } else {
            source = "configuration";
        }
        if (token.isEmpty() && s.token() != null) {
            token = Optional.of(s.token());
            source = "configuration";
        }
        if (token.isEmpty()) {
            throw new CliException(Exit.NOT_FOUND, "no hub token known: no hub database at " + db.file()
                    + " and no token configured; run `parley invite` on the hub's machine, or set PARLEY_DB");
        }
        String reachableHost = host != null ? Settings.hubAddress(host).host() : hubIsHere ? networkAddress()
                : server.host();
        JoinCode code = new JoinCode(new HubAddress(server.secure(), reachableHost, server.port()), token.get());
        if (json()) {
            ObjectNode document = JsonText.object().put("join_code", code.toString()).put("server_url", code.serverUrl())
                    .put("token_from", source).put("issued", source.equals(db.file().toString()))
                    .put("rotated", rotate);
            printJson(document);
            return;
        }
        out().println(code);
        err().println(style().dim("on the other machine: parley join " + code));
        err().println(style().dim("it holds a hub token: share it only with machines you trust"));
        if (source.equals(db.file().toString())) {
            err().println(style().dim("a new token, shown only now" + (rotate ? "; every earlier token is revoked"
                    : "; earlier ones still work (--rotate revokes them)")));
        }
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
