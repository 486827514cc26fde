package io.mailbridge.route;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuthenticationTimeoutRouteTest {

    @TempDir
    Path dir;

    @Test
    void a_server_that_stalls_before_login_fails_the_account_within_its_authentication_timeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             LoopbackMailServer server = LoopbackMailServer.start()) {
            Thread acceptor = new Thread(() -> acceptAndHold(stalling, held), "stalling-server");
            acceptor.setDaemon(true);
            acceptor.start();
            server.addUser("fine@example.com", "secret");
            long uid = server.deliver("fine@example.com", message("Unaffected"));
            Path accounts = new AccountsFile(server)
                    .account("slow", "slow@example.com", "{{test.pw}}", "port", String.valueOf(stalling.getLocalPort()),
                            "authenticationTimeout", "1", "to", "mock:slow")
                    .account("fine", "fine@example.com", "{{test.pw}}", "to", "mock:fine")
                    .writeTo(dir);

            long started = System.nanoTime();
            try (LogCapture logs = new LogCapture();
                 RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                         Map.of("test.pw", "secret", "mailbridge.dataDir", dir.toString()))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> logs.text()
                        .contains("account 'slow' is DOWN: authentication timed out after 1 s"
                                + " (authenticationTimeout): the server did not finish the login in time"));
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                System.out.println("authentication timeout reported after " + elapsed + " ms (app start included)");

                app.camel().getEndpoint("mock:fine", MockEndpoint.class).expectedHeaderReceived("MailUid", uid);
                MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
                assertThat(held).as("connections the stalling server accepted").isNotEmpty();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static void acceptAndHold(ServerSocket server, List<Socket> held) {
        try {
            while (!server.isClosed()) {
                held.add(server.accept());
            }
        } catch (java.io.IOException closed) {
            // the test is over
        }
    }
}
