package io.mailbridge.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkDiagnosisTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_host_is_reported_by_name() throws Exception {
        CheckRun run = CheckRun.json(new AccountsYaml().account("lost", 993, "host", "no-such-host.invalid").writeTo(dir));

        assertThat(run.exitCode()).as(run::out).isEqualTo(1);
        assertThat(run.failedStep()).as(run::out).isEqualTo("dns");
        assertThat(run.explanation()).startsWith("DNS: host 'no-such-host.invalid' not found");
    }

    @Test
    void a_closed_port_is_reported_as_connection_refused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        CheckRun run = CheckRun.json(new AccountsYaml().account("closed", closedPort).writeTo(dir));

        assertThat(run.failedStep()).as(run::out).isEqualTo("tcp");
        assertThat(run.explanation()).startsWith("connection refused by 127.0.0.1:" + closedPort
                + ": nothing listens on port " + closedPort + " there");
    }

    @Test
    void a_port_that_never_answers_times_out_after_the_connection_timeout() throws Exception {
        try (FullBacklog port = FullBacklog.open()) {
            CheckRun run = CheckRun.json(new AccountsYaml()
                    .account("dropped", port.port(), "connectionTimeout", "0.5").writeTo(dir));

            assertThat(run.failedStep()).as(run::out).isEqualTo("tcp");
            assertThat(run.explanation()).startsWith("connect timed out after 500 ms (connectionTimeout): nothing"
                    + " answered at 127.0.0.1:" + port.port());
        }
    }

    @Test
    void a_server_that_accepts_and_never_answers_times_out_after_the_authentication_timeout() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.plain().silent().start()) {
            CheckRun run = CheckRun.json(new AccountsYaml()
                    .account("stalled", server.port(), "authenticationTimeout", "1").writeTo(dir));

            assertThat(run.failedStep()).as(run::out).isEqualTo("tls");
            assertThat(run.explanation()).isEqualTo("authentication timed out after 1 s (authenticationTimeout):"
                    + " the TLS handshake did not finish in time");
        }
    }

    @Test
    void a_plain_server_that_never_greets_times_out_after_the_authentication_timeout() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.plain().silent().start()) {
            CheckRun run = CheckRun.json(new AccountsYaml().account("mute", server.port(), "ssl", "false",
                    "authenticationTimeout", "0.5").writeTo(dir));

            assertThat(run.failedStep()).as(run::out).isEqualTo("greeting");
            assertThat(run.explanation()).isEqualTo("authentication timed out after 500 ms (authenticationTimeout):"
                    + " the server accepted the connection but sent no IMAP greeting");
        }
    }

    @Test
    void a_server_that_stalls_on_the_login_times_out_after_the_authentication_timeout() throws Exception {
        try (ScriptedImapServer server = ScriptedImapServer.imaps(TestCertificates.serverContext(LoopbackTls.keyStore()))
                .stallOn("AUTHENTICATE").start()) {
            CheckRun run = CheckRun.json(LoopbackTls.trusting(new AccountsYaml(), "slow", server.port(),
                    "authenticationTimeout", "1").writeTo(dir));

            assertThat(run.failedStep()).as(run::out).isEqualTo("login");
            assertThat(run.explanation()).isEqualTo("authentication timed out after 1 s (authenticationTimeout):"
                    + " the server did not finish the login in time");
        }
    }

    /** A listening port whose accept queue is full, so the kernel drops further connection attempts. */
    private static final class FullBacklog implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> queued = new ArrayList<>();

        private FullBacklog(ServerSocket server) {
            this.server = server;
        }

        static FullBacklog open() throws Exception {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            FullBacklog backlog = new FullBacklog(server);
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(server.getLocalSocketAddress(), 200);
                    backlog.queued.add(socket);
                } catch (SocketTimeoutException full) {
                    socket.close();
                    return backlog;
                }
            }
            backlog.close();
            throw new IllegalStateException("the accept queue never filled; this kernel does not drop SYNs");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            for (Socket socket : queued) {
                socket.close();
            }
            server.close();
        }
    }
}
