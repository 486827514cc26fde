package io.mailbridge.consumer;

import io.mailbridge.poll.WatchedPollScheduler;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AccountTaskPoolTest {

    private static final int ACCOUNTS = 1_500;

    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void camels_default_scheduled_pool_refuses_the_1001st_queued_task() {
        ScheduledExecutorService pool = camel.getExecutorServiceManager().newScheduledThreadPool(this, "default", 2);

        assertThatThrownBy(() -> scheduleHourly(pool, ACCOUNTS)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void holds_a_periodic_task_per_account_for_1500_accounts() {
        ScheduledExecutorService pool = AccountTaskPool.create(camel, this, "accounts", 2);

        scheduleHourly(pool, ACCOUNTS);

        AtomicInteger ran = new AtomicInteger();
        pool.execute(ran::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
    }

    @Test
    void a_wake_up_polls_the_last_of_1500_accounts_at_once() {
        ScheduledExecutorService pool = AccountTaskPool.create(camel, this, "accounts", 2);
        List<AtomicInteger> polls = new ArrayList<>();
        List<WatchedPollScheduler> schedulers = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            AtomicInteger count = new AtomicInteger();
            WatchedPollScheduler scheduler = new WatchedPollScheduler(pool);
            scheduler.scheduleWithFixedDelay(count::incrementAndGet, 1, 1, TimeUnit.HOURS);
            polls.add(count);
            schedulers.add(scheduler);
        }

        schedulers.get(ACCOUNTS - 1).pollSoon();

        await().atMost(Duration.ofSeconds(5)).until(() -> polls.get(ACCOUNTS - 1).get() == 1);
        assertThat(polls.subList(0, ACCOUNTS - 1)).allMatch(count -> count.get() == 0);
    }

    private static void scheduleHourly(ScheduledExecutorService pool, int tasks) {
        for (int i = 0; i < tasks; i++) {
            pool.scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.HOURS);
        }
    }
}
