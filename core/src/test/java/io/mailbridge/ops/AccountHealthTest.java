package io.mailbridge.ops;

import io.mailbridge.status.AccountStatus;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AccountHealthTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void a_consumer_idle_for_two_poll_intervals_and_the_grace_period_is_down() {
        AccountStatus status = polledOnce();

        assertThat(verdict(status, idleFor(Duration.ofSeconds(121)), true).up()).isTrue();
        AccountHealth.Verdict verdict = verdict(status, idleFor(Duration.ofSeconds(123)), true);
        assertThat(verdict.up()).isFalse();
        assertThat(verdict.reason()).isEqualTo("the consumer has not polled for 123 s (poll interval 60 s)");
    }

    @Test
    void a_poll_late_behind_a_busy_pool_with_its_task_still_scheduled_is_live_but_not_ready() {
        PollerState waiting = new PollerState("mail-support", ServiceStatus.Started, false, Duration.ofSeconds(123),
                MINUTE, true);

        assertThat(verdict(polledOnce(), waiting, true).up()).isTrue();
        assertThat(verdict(polledOnce(), waiting, false).reason())
                .isEqualTo("its poll has waited 123 s for a free poll thread (poll interval 60 s)");
    }

    @Test
    void a_poll_running_longer_than_five_minutes_and_two_intervals_is_stuck() {
        AccountStatus status = polledOnce();

        assertThat(verdict(status, pollingFor(Duration.ofMinutes(4)), true).up()).isTrue();
        assertThat(verdict(status, pollingFor(Duration.ofMinutes(6)), true).reason())
                .isEqualTo("poll running for 360 s (limit 300 s)");
    }

    @Test
    void a_failed_login_makes_the_account_unready_but_not_dead() {
        AccountStatus status = polledOnce();
        status.pollFailed("authentication failed: LOGIN failed.", MINUTE);

        assertThat(verdict(status, idleFor(Duration.ofSeconds(1)), true).up()).isTrue();
        assertThat(verdict(status, idleFor(Duration.ofSeconds(1)), false).reason())
                .isEqualTo("authentication failed: LOGIN failed.");
    }

    @Test
    void an_account_is_not_ready_before_its_first_poll_or_without_a_started_route() {
        assertThat(verdict(new AccountStatus("support"), idleFor(Duration.ZERO), false).reason())
                .isEqualTo("no poll has completed yet");
        assertThat(AccountHealth.assess(polledOnce(), Optional.of(new PollerState("mail-support",
                ServiceStatus.Stopped, false, Duration.ZERO, MINUTE, true)), false).reason())
                .isEqualTo("route mail-support is Stopped");
        assertThat(AccountHealth.assess(polledOnce(), Optional.empty(), false).reason())
                .isEqualTo("no route polls this account");
    }

    private static AccountStatus polledOnce() {
        AccountStatus status = new AccountStatus("support");
        status.pollSucceeded(Instant.now(), 12);
        return status;
    }

    private static PollerState idleFor(Duration sinceLastPoll) {
        return new PollerState("mail-support", ServiceStatus.Started, false, sinceLastPoll, MINUTE, false);
    }

    private static PollerState pollingFor(Duration sinceLastPoll) {
        return new PollerState("mail-support", ServiceStatus.Started, true, sinceLastPoll, MINUTE, true);
    }

    private static AccountHealth.Verdict verdict(AccountStatus status, PollerState poller, boolean liveness) {
        return AccountHealth.assess(status, Optional.of(poller), liveness);
    }
}
