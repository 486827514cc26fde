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
import static io.mailbridge.support.OAuth2AccountsFile.microsoft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RevokedRefreshTokenTest {

    private static final Duration WINDOW = Duration.ofSeconds(4);
    /** Token requests the auth backoff allows in the window: at 0, 0.2, 0.6, 1.4, 3.0 s (cap 2 s), with room. */
    private static final int MAX_REQUESTS_IN_WINDOW = 7;
    private static final String CLIENT_SECRET = "cl1ent-s3cret-canary";

    @TempDir
    Path dir;

    private AuthorizationServer authorization;
    private OAuth2Dovecot dovecot;

    @BeforeEach
    void start() {
        authorization = AuthorizationServer.start();
        dovecot = OAuth2Dovecot.start(authorization.introspectionUrl());
    }

    @AfterEach
    void stop() {
        if (dovecot != null) {
            dovecot.close();
        }
        authorization.close();
    }

    @Test
    void a_revoked_refresh_token_backs_off_like_a_rejected_password_says_why_and_never_logs_a_secret()
            throws Exception {
        authorization.client("google-client", CLIENT_SECRET).client("entra-app", "entra-secret")
                .appMailbox("entra-app", "helpdesk@example.com");
        String refreshToken = authorization.refreshToken("google-client", "alice@example.com");
        authorization.revoke(refreshToken);
        dovecot.deliver("alice@example.com", TestMail.message("Waits for a new refresh token"));
        dovecot.deliver("helpdesk@example.com", TestMail.message("Delivered all the same"));
        Path accounts = new OAuth2AccountsFile(dovecot)
                .account("gmail", "alice@example.com", google("google-client", "{{test.secret}}", "{{test.refresh}}",
                        authorization.tokenUrl()), "pollInterval", "0.2", "maxAuthBackoff", "2", "to", "direct:collect")
                .account("m365", "helpdesk@example.com", microsoft("entra-app", "{{test.entra}}", "contoso",
                        authorization.tokenUrl()), "to", "direct:collect")
                .writeTo(dir);
        List<String> subjects = new CopyOnWriteArrayList<>();
        RouteBuilder collect = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:collect").routeId("collect")
                        .process(exchange -> subjects.add(exchange.getMessage().getBody(MailMessage.class).subject()));
            }
        };

        try (LogCapture log = new LogCapture();
             RunningMailbridge app = RunningMailbridge.start(accounts, dir, Map.of("test.secret", CLIENT_SECRET,
                     "test.refresh", refreshToken, "test.entra", "entra-secret",
                     "mailbridge.dataDir", dir.resolve("data").toString()), collect)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> subjects.contains("Delivered all the same"));
            int before = authorization.tokenRequests();
            await("at most " + MAX_REQUESTS_IN_WINDOW + " token requests in " + WINDOW).during(WINDOW)
                    .atMost(WINDOW.plusSeconds(1))
                    .until(() -> authorization.tokenRequests() - before <= MAX_REQUESTS_IN_WINDOW);
            System.out.printf("RevokedRefreshTokenTest: %d token requests in %d s (an unpaced poller: about %d)%n",
                    authorization.tokenRequests() - before, WINDOW.toSeconds(), WINDOW.toMillis() / 200);
            String text = await().atMost(Duration.ofSeconds(2)).ignoreExceptions().until(log::text, copy -> true);

            assertThat(subjects).containsExactly("Delivered all the same");
            assertThat(dovecot.seenCount("alice@example.com")).isZero();
            assertThat(text).contains("account 'gmail' is DOWN: authentication failed: the refresh token was refused"
                    + " with invalid_grant (Token has been expired or revoked.)");
            assertThat(text).doesNotContain(CLIENT_SECRET).doesNotContain(refreshToken);
            for (String token : authorization.issued()) {
                assertThat(text).doesNotContain(token);
            }
        }
    }
}
