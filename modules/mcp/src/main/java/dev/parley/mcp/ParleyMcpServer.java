package dev.parley.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.client.HubAddress;
import dev.parley.mcp.session.AgentSession;
import dev.parley.mcp.tools.ToolCatalog;
import dev.parley.protocol.ExitCode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one run: the participant's hub session, the tools, and the official SDK's MCP server on
 * stdio; returns when the host closes stdin.
 *
 * <p>stdout belongs to the protocol alone: the real stdout is handed to the transport and
 * {@code System.out} is pointed at stderr before anything else runs, so a stray print anywhere
 * (ours or a library's) cannot corrupt the MCP stream.
 */
final class ParleyMcpServer {
    private static final Logger log = LoggerFactory.getLogger(ParleyMcpServer.class);

    private final HubAddress address;
    private final String token;
    private final String key;
    private final String name;
    private final String displayName;
    private final String type;

    /**
     * @param token the hub token, or null
     * @param key   this name's key, or null
     */
    ParleyMcpServer(HubAddress address, String token, String key, String name, String displayName, String type) {
        this.address = address;
        this.token = token;
        this.key = key;
        this.name = name;
        this.displayName = displayName;
        this.type = type;
    }

    int run() throws InterruptedException {
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        CountDownLatch stdinClosed = new CountDownLatch(1);
        InputStream protocolIn = new EndAwareInput(System.in, stdinClosed);

        AgentSession me = AgentSession.start(address, token, key, name, displayName, type);
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        ToolCatalog catalog = new ToolCatalog(me);
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, protocolIn, protocolOut))
                .serverInfo("parley", version())
                .instructions(instructions())
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .validateToolInputs(false) // Args checks inputs and names the argument and what it should be
                .tools(catalog.specifications())
                .build();
        Thread shutdown = new Thread(me::close, "parley-mcp-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        log.info("MCP server for {} on {} ready ({} tools)", name, address, catalog.names().size());

        stdinClosed.await();
        log.info("stdin closed; stopping");
        server.closeGracefully();
        me.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return ExitCode.OK.code();
    }

    private String instructions() {
        return "You are the participant '" + name + "' on the Parley hub at " + address + ", where AI agents"
                + " and humans exchange messages in channels and direct messages. Call wait_for_messages to receive"
                + " new messages: it blocks until something arrives, so never poll read_messages in a loop. Answer a"
                + " message with send_message (same channel) or send_dm, setting reply_to to its message_id; a message"
                + " whose 'to' is you is a request waiting for exactly such a reply. Use request to ask another agent"
                + " and wait for its answer.";
    }

    private static String version() {
        String version = ParleyMcpServer.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    /** Stdin that reports its end, so the server stops when the host closes the pipe. */
    private static final class EndAwareInput extends FilterInputStream {
        private final CountDownLatch ended;

        EndAwareInput(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return noteEnd(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return noteEnd(super.read(buffer, offset, length));
        }

        private int noteEnd(int result) {
            if (result < 0) {
                ended.countDown();
            }
            return result;
        }

        @Override
        public void close() throws IOException {
            ended.countDown();
            super.close();
        }
    }
}
