package io.mailbridge.oauth2;

import io.mailbridge.account.OAuth2;
import io.mailbridge.account.Secret;
import io.mailbridge.account.SecretResolution;
import io.mailbridge.support.AuthorizationServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSourceTest {

    private final Map<String, String> properties = new java.util.HashMap<>();
    private final SecretResolution secrets = new SecretResolution(text -> properties.get(text.replaceAll("[{}]", "")));
    private AuthorizationServer authorization;

    @BeforeEach
    void start() {
        authorization = AuthorizationServer.start();
        authorization.client("entra-app", "entra-secret").appMailbox("entra-app", "helpdesk@example.com");
        properties.put("entra.secret", "entra-secret");
    }

    @AfterEach
    void stop() {
        authorization.close();
    }

    @Test
    void eight_threads_asking_at_once_share_one_token_request() throws Exception {
        TokenSource tokens = source(Duration.ZERO);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<AccessToken>> asks = IntStream.range(0, 8).<Callable<AccessToken>>mapToObj(i -> tokens::token)
                    .toList();
            List<AccessToken> answers = threads.invokeAll(asks).stream().map(TokenSourceTest::get).toList();

            assertThat(answers).containsOnly(answers.get(0));
            assertThat(authorization.tokenRequests()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_token_due_within_the_lead_is_replaced_and_a_rejected_one_renewed_once() {
        authorization.tokenLifetime(Duration.ofSeconds(30));
        TokenSource tokens = source(Duration.ofMinutes(1));

        AccessToken first = tokens.token();
        AccessToken second = tokens.token();
        AccessToken renewed = tokens.renew(second);

        assertThat(second).as("a 30 s token is due within a lead of a minute").isNotEqualTo(first);
        assertThat(renewed).isNotEqualTo(second);
        assertThat(tokens.renew(second)).as("a second caller with the same rejected token").isEqualTo(renewed);
        assertThat(authorization.tokenRequests()).isEqualTo(3);
    }

    @Test
    void a_wrong_client_secret_is_refused_with_the_oauth_error_and_no_secret_in_the_message() {
        properties.put("entra.secret", "wrong-secret-canary");

        assertThatThrownBy(() -> source(Duration.ZERO).token()).isInstanceOf(TokenRefusedException.class)
                .hasMessage("account 'm365': token endpoint " + authorization.tokenUrl()
                        + " refused the grant: invalid_client (Unauthorized)")
                .hasMessageNotContaining("wrong-secret-canary");
    }

    private TokenSource source(Duration lead) {
        OAuth2 settings = new OAuth2(OAuth2.Provider.MICROSOFT, "entra-app", Secret.of("{{entra.secret}}"),
                Optional.empty(), Optional.of("contoso"), authorization.tokenUrl(), OAuth2.MICROSOFT_SCOPE);
        return new TokenSource("m365", settings, secrets, new TokenEndpoint(Duration.ofSeconds(5), Clock.systemUTC()),
                lead, Clock.systemUTC());
    }

    private static AccessToken get(Future<AccessToken> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
