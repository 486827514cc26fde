package io.mailbridge.oauth2;

import io.mailbridge.message.MailMessage;
import io.mailbridge.support.AuthorizationServer;
import io.mailbridge.support.LogCapture;
import io.mailbridge.support.OAuth2AccountsFile;
import io.mailbridge.support.OAuth2Dovecot;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TestMail;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.mailbridge.support.OAuth2AccountsFile.google;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TokenRenewalTest {

    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    private AuthorizationServer authorization;
    private OAuth2Dovecot dovecot;
    private final List<String> subjects = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() {
        authorization = AuthorizationServer.start();
        dovecot = OAuth2Dovecot.start(authorization.introspectionUrl());
        authorization.client("google-client", "google-secret");
    }

    @AfterEach
    void stopServers() {
        if (dovecot != null) {
            dovecot.close();
        }
        authorization.close();
    }

    @Test
    void a_short_lived_token_is_renewed_and_the_connection_logs_in_again_before_it_expires() throws Exception {
        authorization.tokenLifetime(Duration.ofSeconds(3));
        dovecot.deliver(ALICE, TestMail.message("Before the first renewal"));

        try (LogCapture log = new LogCapture(); RunningMailbridge app = mailbridge()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> subjects.contains("Before the first renewal"));
            await("three tokens, each used for a login of its own").atMost(Duration.ofSeconds(15))
                    .until(() -> authorization.issued().size() >= 3);
            dovecot.deliver(ALICE, TestMail.message("After two renewals"));
            await().atMost(Duration.ofSeconds(10)).until(() -> subjects.contains("After two renewals"));

            assertThat(authorization.introspected()).as("the logins Dovecot checked, each with a new token")
                    .containsAll(authorization.issued().subList(0, 3)).doesNotHaveDuplicates();
            assertThat(log.text()).doesNotContain("authentication failed").doesNotContain(" is DOWN");
            await().atMost(Duration.ofSeconds(5)).until(() -> dovecot.seenCount(ALICE) == 2);
        }
    }

    @Test
    void a_cached_token_the_server_refuses_is_renewed_once_and_the_login_succeeds() throws Exception {
        dovecot.deliver(ALICE, TestMail.message("With the first token"));

        try (LogCapture log = new LogCapture(); RunningMailbridge app = mailbridge()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> subjects.contains("With the first token"));
            authorization.revokeAccessTokens();
            app.camel().getRouteController().stopRoute("mail-gmail");
            dovecot.deliver(ALICE, TestMail.message("With the renewed token"));
            app.camel().getRouteController().startRoute("mail-gmail");
            await().atMost(Duration.ofSeconds(10)).until(() -> subjects.contains("With the renewed token"));

            String first = authorization.issued().get(0);
            assertThat(authorization.issued()).hasSize(2);
            assertThat(authorization.introspected()).as("the revoked token was tried again, then the new one")
                    .containsSubsequence(first, first, authorization.issued().get(1));
            assertThat(log.text()).doesNotContain("authentication failed").doesNotContain(" is DOWN");
        }
    }

    /** The account's poll connection alone (idle: off), so each login Dovecot checks is one of the consumer's. */
    private RunningMailbridge mailbridge() throws Exception {
        String refreshToken = authorization.refreshToken("google-client", ALICE);
        Path accounts = new OAuth2AccountsFile(dovecot)
                .account("gmail", ALICE, google("google-client", "{{test.secret}}", "{{test.refresh}}",
                        authorization.tokenUrl()), "to", "direct:collect", "idle", "off")
                .writeTo(dir);
        RouteBuilder collect = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:collect").routeId("collect")
                        .process(exchange -> subjects.add(exchange.getMessage().getBody(MailMessage.class).subject()));
            }
        };
        return RunningMailbridge.start(accounts, dir, Map.of("test.secret", "google-secret", "test.refresh",
                refreshToken, "mailbridge.dataDir", dir.resolve("data").toString()), collect);
    }
}
