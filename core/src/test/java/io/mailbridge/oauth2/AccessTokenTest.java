package io.mailbridge.oauth2;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest {

    private static final Instant ISSUED = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void its_value_never_shows_in_to_string() {
        AccessToken token = new AccessToken("ya29.secret-value", ISSUED, ISSUED.plusSeconds(3600));

        assertThat(token.toString()).doesNotContain("ya29").doesNotContain("secret-value")
                .isEqualTo("AccessToken[issuedAt=2026-12-06T10:00:00Z, expiresAt=2026-12-06T11:00:00Z]");
    }

    @Test
    void an_hour_long_token_is_due_a_minute_before_it_expires() {
        AccessToken token = new AccessToken("t", ISSUED, ISSUED.plusSeconds(3600));

        assertThat(token.renewAt()).isEqualTo(ISSUED.plusSeconds(3540));
        assertThat(token.dueAt(ISSUED.plusSeconds(3539))).isFalse();
        assertThat(token.dueAt(ISSUED.plusSeconds(3540))).isTrue();
    }

    @Test
    void a_short_lived_token_is_due_when_a_tenth_of_its_lifetime_is_left() {
        AccessToken token = new AccessToken("t", ISSUED, ISSUED.plusSeconds(10));

        assertThat(token.renewAt()).isEqualTo(ISSUED.plusSeconds(9));
        assertThat(token.dueAt(ISSUED.plus(Duration.ofMillis(8999)))).isFalse();
    }
}
