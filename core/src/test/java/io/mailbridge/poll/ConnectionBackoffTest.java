package io.mailbridge.poll;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionBackoffTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final double LOWEST = 0;
    private static final double HIGHEST = Math.nextDown(1.0);

    @Test
    void the_first_retry_is_one_poll_interval_later_whatever_the_jitter() {
        assertThat(backoff(LOWEST).after(1, MINUTE)).isEqualTo(MINUTE);
        assertThat(backoff(HIGHEST).after(1, MINUTE)).isEqualTo(MINUTE);
    }

    @Test
    void each_further_failure_doubles_the_wait_drawn_between_half_and_all_of_it() {
        assertThat(backoff(LOWEST).after(3, MINUTE)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff(HIGHEST).after(3, MINUTE)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff(0.6).after(3, MINUTE)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff(0.4).after(3, MINUTE)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void the_wait_is_capped_at_five_minutes() {
        assertThat(backoff(HIGHEST).after(4, MINUTE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff(HIGHEST).after(1_000, MINUTE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff(LOWEST).after(1_000, MINUTE)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void a_cap_shorter_than_the_poll_interval_leaves_one_poll_interval_between_attempts() {
        ConnectionBackoff backoff = new ConnectionBackoff(Duration.ofSeconds(30), () -> HIGHEST);

        assertThat(backoff.after(5, MINUTE)).isEqualTo(MINUTE);
    }

    @Test
    void the_cap_is_read_in_seconds_from_its_property_and_defaults_to_five_minutes() {
        assertThat(ConnectionBackoff.configured(camel(null)).max()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConnectionBackoff.configured(camel("1.5")).max()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void a_cap_that_is_not_a_positive_number_of_seconds_is_refused_with_its_name_and_value() {
        assertThatThrownBy(() -> ConnectionBackoff.configured(camel("5m")))
                .hasMessage("mailbridge.maxConnectionBackoffSeconds must be a number of seconds, was '5m'");
        assertThatThrownBy(() -> ConnectionBackoff.configured(camel("0")))
                .hasMessage("mailbridge.maxConnectionBackoffSeconds must be more than 0 and at most 86400 seconds,"
                        + " was 0");
    }

    private static ConnectionBackoff backoff(double random) {
        return new ConnectionBackoff(ConnectionBackoff.DEFAULT_MAX, () -> random);
    }

    private static CamelContext camel(String maxSeconds) {
        CamelContext camel = new DefaultCamelContext();
        if (maxSeconds != null) {
            camel.getPropertiesComponent().addInitialProperty(ConnectionBackoff.MAX_PROPERTY, maxSeconds);
        }
        return camel;
    }
}
