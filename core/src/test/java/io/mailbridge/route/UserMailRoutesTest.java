package io.mailbridge.route;

import io.mailbridge.consumer.BatchImapEndpoint;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A route a user writes with camel-mail's {@code imap:} scheme gets camel-mail's own consumer, beside the accounts'. */
class UserMailRoutesTest {

    private static final String ACCOUNT_LOGIN = "support@example.com";
    private static final String USER_ROUTE_LOGIN = "archive@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(ACCOUNT_LOGIN, "account-secret");
        server.addUser(USER_ROUTE_LOGIN, "archive-secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void a_user_route_from_imap_is_camel_mail_s_and_the_account_routes_are_mailbridge_s() throws Exception {
        long accountUid = server.deliver(ACCOUNT_LOGIN, message("For the account"));
        long userUid = server.deliver(USER_ROUTE_LOGIN, message("For the user's own route"));
        Path accounts = new AccountsFile(server)
                .account("support", ACCOUNT_LOGIN, "account-secret", "to", "mock:account").writeTo(dir);
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("archive.camel.yaml"), """
                - route:
                    id: archive
                    from:
                      uri: imap:127.0.0.1:%d
                      parameters:
                        username: %s
                        password: archive-secret
                        initialDelay: 0
                        delay: 200
                      steps:
                        - to: mock:archive
                """.formatted(server.imapPort(), USER_ROUTE_LOGIN));

        try (RunningMailbridge app = RunningMailbridge.start(accounts, routes,
                Map.of("mailbridge.dataDir", dir.resolve("data").toString()))) {
            MockEndpoint archive = app.camel().getEndpoint("mock:archive", MockEndpoint.class);
            MockEndpoint account = app.camel().getEndpoint("mock:account", MockEndpoint.class);
            archive.expectedHeaderReceived("Subject", "For the user's own route");
            account.expectedHeaderReceived("MailUid", accountUid);
            MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);

            assertThat(app.camel().getRoute("archive").getEndpoint())
                    .isInstanceOf(MailEndpoint.class).isNotInstanceOf(BatchImapEndpoint.class);
            assertThat(app.camel().getRoute("mail-support").getEndpoint()).isInstanceOf(BatchImapEndpoint.class);
            assertThat(app.camel().getRoute("mail-support").getEndpoint().getEndpointUri())
                    .startsWith("mailbridge-imaps://127.0.0.1:" + server.imapsPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> server.isSeen(USER_ROUTE_LOGIN, "INBOX", userUid)
                    && server.isSeen(ACCOUNT_LOGIN, "INBOX", accountUid));
        }
    }
}
