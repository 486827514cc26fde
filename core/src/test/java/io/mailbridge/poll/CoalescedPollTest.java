package io.mailbridge.poll;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescedPollTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_burst_of_wake_ups_during_a_poll_makes_exactly_one_more_poll() throws Exception {
        CountDownLatch inFirstPoll = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger polls = new AtomicInteger();
        CoalescedPoll poll = new CoalescedPoll(() -> {
            if (polls.incrementAndGet() == 1) {
                inFirstPoll.countDown();
                awaitQuietly(release);
            }
        });
        threads.execute(poll);
        assertThat(inFirstPoll.await(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 100; i++) {
            if (poll.request()) {
                threads.execute(poll::runRequested);
            }
        }
        release.countDown();

        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> polls.get() >= 2);
        threads.shutdown();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(polls).as("polls: the first, then one for 100 wake-ups").hasValue(2);
    }

    @Test
    void polls_never_overlap_whoever_starts_them() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        CoalescedPoll poll = new CoalescedPoll(() -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            polls.incrementAndGet();
            Thread.onSpinWait();
            inside.decrementAndGet();
        });
        for (int i = 0; i < 2_000; i++) {
            if (i % 2 == 0) {
                threads.execute(poll);
            } else if (poll.request()) {
                threads.execute(poll::runRequested);
            }
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(most).as("polls running at once").hasValue(1);
        assertThat(polls.get()).isPositive();
    }

    @Test
    void a_wake_up_with_no_poll_running_polls_once() {
        AtomicInteger polls = new AtomicInteger();
        CoalescedPoll poll = new CoalescedPoll(polls::incrementAndGet);

        assertThat(poll.request()).isTrue();
        assertThat(poll.request()).as("a second wake-up before the task ran").isFalse();
        poll.runRequested();

        assertThat(polls).hasValue(1);
        assertThat(poll.request()).as("a wake-up after the poll").isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
