package io.mailbridge.consumer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FirstPollGateTest {

    private final FirstPollGate gate = new FirstPollGate();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runs_at_once_when_no_first_poll_is_to_come() {
        gate.afterFirstPolls(() -> ran.add("idle login"));

        assertThat(ran).containsExactly("idle login");
    }

    @Test
    void holds_idle_logins_until_the_last_first_poll_ends() {
        gate.expect();
        gate.expect();
        gate.expect();
        gate.afterFirstPolls(() -> ran.add("a"));
        gate.afterFirstPolls(() -> ran.add("b"));

        gate.done();
        gate.done();
        assertThat(ran).isEmpty();

        gate.done();
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void a_consumer_stopped_before_its_first_poll_counts_as_done_and_extra_dones_do_not_open_it_early() {
        gate.done();
        gate.expect();
        gate.afterFirstPolls(() -> ran.add("a"));
        assertThat(ran).isEmpty();

        gate.done();

        assertThat(ran).containsExactly("a");
    }
}
