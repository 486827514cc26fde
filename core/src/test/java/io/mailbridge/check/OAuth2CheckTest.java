package io.mailbridge.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailbridge.support.AuthorizationServer;
import io.mailbridge.support.OAuth2AccountsFile;
import io.mailbridge.support.OAuth2Dovecot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mailbridge.support.OAuth2AccountsFile.google;
import static io.mailbridge.support.OAuth2AccountsFile.microsoft;
import static org.assertj.core.api.Assertions.assertThat;

class OAuth2CheckTest {

    private static final String SECRET_PROPERTY = "mailbridge.test.oauth2.secret";
    private static final String REFRESH_PROPERTY = "mailbridge.test.oauth2.refresh";
    private static final String CLIENT_SECRET = "cl1ent-s3cret-canary";
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    private AuthorizationServer authorization;
    private OAuth2Dovecot dovecot;
    private String refreshToken;

    @BeforeEach
    void start() {
        authorization = AuthorizationServer.start();
        dovecot = OAuth2Dovecot.start(authorization.introspectionUrl());
        authorization.client("google-client", CLIENT_SECRET).client("entra-app", CLIENT_SECRET);
        refreshToken = authorization.refreshToken("google-client", ALICE);
        System.setProperty(SECRET_PROPERTY, CLIENT_SECRET);
        System.setProperty(REFRESH_PROPERTY, refreshToken);
    }

    @AfterEach
    void stop() {
        System.clearProperty(SECRET_PROPERTY);
        System.clearProperty(REFRESH_PROPERTY);
        if (dovecot != null) {
            dovecot.close();
        }
        authorization.close();
    }

    @Test
    void a_working_google_account_passes_the_token_step_and_logs_in_with_xoauth2() throws Exception {
        CheckRun run = CheckRun.json(googleAccount(authorization.tokenUrl()));

        assertThat(run.exitCode()).as(run::out).isZero();
        JsonNode steps = run.document().path("accounts").path(0).path("steps");
        assertThat(steps.findValuesAsText("step")).containsSubsequence("capabilities", "token", "login", "select");
        assertThat(step(steps, "token").path("detail").asText())
                .startsWith("access token from " + authorization.tokenUrl() + ", valid until ");
        assertThat(step(steps, "login").path("detail").asText()).isEqualTo("logged in as " + ALICE + " (XOAUTH2)");
        assertNoSecretIn(run);
    }

    @Test
    void a_revoked_refresh_token_fails_the_token_step_and_says_to_authorize_again() throws Exception {
        authorization.revoke(refreshToken);

        CheckRun run = CheckRun.json(googleAccount(authorization.tokenUrl()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.failedStep()).isEqualTo("token");
        assertThat(run.explanation()).startsWith("the refresh token was refused with invalid_grant (Token has been"
                + " expired or revoked.): it has been revoked or has expired").contains("oauth2.refreshToken");
        assertNoSecretIn(run);
    }

    @Test
    void a_wrong_client_secret_is_diagnosed_as_invalid_client() throws Exception {
        System.setProperty(SECRET_PROPERTY, "not-the-secret");

        CheckRun run = CheckRun.json(googleAccount(authorization.tokenUrl()));

        assertThat(run.failedStep()).isEqualTo("token");
        assertThat(run.explanation()).startsWith("the token endpoint does not accept the client (invalid_client"
                + " (Unauthorized)): check oauth2.clientId and oauth2.clientSecret");
        assertThat(run.out() + run.err() + run.logs()).doesNotContain("not-the-secret");
    }

    @Test
    void an_unreachable_token_endpoint_is_diagnosed_as_such() throws Exception {
        String closed = "http://127.0.0.1:" + closedPort() + "/token";

        CheckRun run = CheckRun.json(googleAccount(closed));

        assertThat(run.failedStep()).isEqualTo("token");
        assertThat(run.explanation()).startsWith("cannot get an access token: account 'gmail': token endpoint "
                + closed + " cannot be reached: ConnectException");
        assertNoSecretIn(run);
    }

    @Test
    void a_token_the_server_refuses_fails_the_login_with_the_microsoft_advice() throws Exception {
        authorization.appMailbox("entra-app", "someone-else@example.com");
        Path file = new OAuth2AccountsFile(dovecot).account("m365", "helpdesk@example.com",
                microsoft("entra-app", "{{sys:" + SECRET_PROPERTY + "}}", "contoso", authorization.tokenUrl()))
                .writeTo(dir);

        CheckRun run = CheckRun.json(file);

        assertThat(run.failedStep()).isEqualTo("login");
        assertThat(run.explanation()).startsWith("authentication failed: the server refused the access token"
                + " (XOAUTH2): the app needs the IMAP.AccessAsApp permission with admin consent");
        assertNoSecretIn(run);
    }

    private Path googleAccount(String tokenUrl) {
        return new OAuth2AccountsFile(dovecot).account("gmail", ALICE, google("google-client",
                "{{sys:" + SECRET_PROPERTY + "}}", "{{sys:" + REFRESH_PROPERTY + "}}", tokenUrl)).writeTo(dir);
    }

    private void assertNoSecretIn(CheckRun run) {
        String everything = run.out() + run.err() + run.logs();
        assertThat(everything).doesNotContain(CLIENT_SECRET).doesNotContain(refreshToken);
        for (String token : authorization.issued()) {
            assertThat(everything).doesNotContain(token);
        }
    }

    private static JsonNode step(JsonNode steps, String id) {
        for (JsonNode step : steps) {
            if (id.equals(step.path("step").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + steps);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
