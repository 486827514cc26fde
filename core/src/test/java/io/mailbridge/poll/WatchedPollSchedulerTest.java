package io.mailbridge.poll;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WatchedPollSchedulerTest {

    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopPool() {
        release.countDown();
        pool.shutdownNow();
    }

    @Test
    void a_poll_task_waiting_for_the_only_busy_thread_is_still_scheduled() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        pool.execute(() -> {
            busy.countDown();
            awaitRelease();
        });
        busy.await(5, TimeUnit.SECONDS);
        WatchedPollScheduler watched = new WatchedPollScheduler(pool);

        watched.scheduleWithFixedDelay(() -> { }, 0, 10, TimeUnit.MILLISECONDS);

        assertThat(watched.isPollTaskScheduled()).isTrue();
    }

    @Test
    void a_poll_task_ended_by_an_error_is_no_longer_scheduled() {
        WatchedPollScheduler watched = new WatchedPollScheduler(pool);

        watched.scheduleWithFixedDelay(() -> {
            throw new OutOfMemoryError("thrown by a poll");
        }, 0, 10, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(5)).until(() -> !watched.isPollTaskScheduled());
    }

    @Test
    void a_cancelled_poll_task_is_no_longer_scheduled() {
        WatchedPollScheduler watched = new WatchedPollScheduler(pool);

        watched.scheduleWithFixedDelay(() -> { }, 0, 10, TimeUnit.MILLISECONDS).cancel(true);

        assertThat(watched.isPollTaskScheduled()).isFalse();
    }

    @Test
    void shutting_it_down_leaves_the_shared_pool_running() {
        new WatchedPollScheduler(pool).shutdownNow();

        assertThat(pool.isShutdown()).isFalse();
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
