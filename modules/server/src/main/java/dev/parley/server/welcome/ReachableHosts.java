package dev.parley.server.welcome;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The host names to print for a hub bound to one address: how this machine reaches it, and how other machines on
 * the network do. A hub bound to the wildcard ({@code 0.0.0.0}, {@code ::}) is {@code localhost} here and one of the
 * machine's LAN addresses elsewhere; a hub bound to one address is that address for both.
 *
 * @param local   the host for clients on this machine ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}, …)
 * @param network the host for other machines; empty when the hub is on loopback only or the machine has no LAN address
 */
public record ReachableHosts(String local, Optional<String> network) {
    /** Bridges of containers and VMs: their addresses are site-local too, but no colleague reaches the hub there. */
    private static final List<String> VIRTUAL_BRIDGES = List.of("docker", "br-", "veth", "virbr", "vmnet", "cni");

    /** The hosts for a hub bound to {@code boundHost}. */
    public static ReachableHosts of(String boundHost) {
        String host = boundHost.strip();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return new ReachableHosts("localhost", lanAddress());
        }
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host; // IPv6 in a URL
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("[::1]");
        return new ReachableHosts(literal, loopback ? Optional.empty() : Optional.of(literal));
    }

    /** The network host when there is one, else the local one: what a URL shown to everyone should use. */
    public String shared() {
        return network.orElse(local);
    }

    /**
     * An IPv4 address of an interface that is up and not loopback: a private (site-local) one first, one of a
     * container or VM bridge last. Empty when there is none (a machine with only loopback).
     */
    static Optional<String> lanAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(ReachableHosts::isPhysicalAndUp)
                    .sorted(Comparator.comparing(ReachableHosts::isVirtualBridge))
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress())
                    .min(Comparator.comparing(address -> !address.isSiteLocalAddress())) // stable: keeps bridges last
                    .map(InetAddress::getHostAddress);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isPhysicalAndUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback() && !network.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean isVirtualBridge(NetworkInterface network) {
        String name = network.getName().toLowerCase(Locale.ROOT);
        return VIRTUAL_BRIDGES.stream().anyMatch(name::startsWith);
    }
}
