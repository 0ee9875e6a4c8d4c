package dev.parley.server.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private network on this machine, so a test can have a peer that is not loopback: a veth pair
 * whose host end gets {@code 10.231.N.1/30} and whose other end ({@code 10.231.N.2}) lives in a
 * new network namespace. Connections from this JVM to {@link #hostAddress()} come from that
 * non-loopback address; {@link #inNamespace} runs a command on the other side.
 *
 * <p>Needs root and iproute2 ({@code scripts/setup-test-tools.sh} installs it). Names are unique
 * per run; {@link #close()} (or, if the JVM exits first, a shutdown hook) removes everything.
 */
final class TestNetwork implements AutoCloseable {
    private final String namespace;
    private final String hostLink;
    private final String hostAddress;
    private final String peerAddress;
    private final Thread cleanup = new Thread(this::remove, "test-network-cleanup");
    private boolean removed;

    private TestNetwork(String suffix, int subnet) {
        this.namespace = "parley-" + suffix;
        this.hostLink = "pl" + suffix + "h";
        this.hostAddress = "10.231." + subnet + ".1";
        this.peerAddress = "10.231." + subnet + ".2";
    }

    /** Creates the namespace, the veth pair and the addresses (a few tries if a subnet is taken). */
    static TestNetwork create() throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
            TestNetwork network = new TestNetwork(suffix, ThreadLocalRandom.current().nextInt(0, 256));
            Runtime.getRuntime().addShutdownHook(network.cleanup);
            try {
                network.setUp();
                return network;
            } catch (IOException e) {
                last = e;
                network.close();
            }
        }
        throw last;
    }

    private void setUp() throws IOException, InterruptedException {
        String peerLink = hostLink.substring(0, hostLink.length() - 1) + "p";
        ip("netns", "add", namespace);
        ip("link", "add", hostLink, "type", "veth", "peer", "name", peerLink);
        ip("link", "set", peerLink, "netns", namespace);
        ip("addr", "add", hostAddress + "/30", "dev", hostLink);
        ip("link", "set", hostLink, "up");
        ip("-n", namespace, "addr", "add", peerAddress + "/30", "dev", peerLink);
        ip("-n", namespace, "link", "set", peerLink, "up");
        ip("-n", namespace, "link", "set", "lo", "up");
    }

    /** This machine's address on the private network (not loopback). */
    String hostAddress() {
        return hostAddress;
    }

    /** The address of the namespace's end. */
    String peerAddress() {
        return peerAddress;
    }

    /** Runs a command inside the namespace; returns its stdout (stderr appended) after it exits. */
    String inNamespace(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(full, false);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command, true);
    }

    private static String run(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + " (needs iproute2 and root;"
                    + " scripts/setup-test-tools.sh installs it)", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }

    private synchronized void remove() {
        if (removed) {
            return;
        }
        removed = true;
        try {
            run(List.of("ip", "link", "del", hostLink), false); // takes its peer with it
            run(List.of("ip", "netns", "del", namespace), false);
        } catch (IOException | InterruptedException ignored) {
            // Best effort: nothing else to do in a shutdown hook.
        }
    }

    @Override
    public void close() {
        remove();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs (or ran) anyway.
        }
    }
}
