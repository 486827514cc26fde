package io.mailbridge.ops;

import io.mailbridge.status.AccountStatus;
import io.mailbridge.status.AccountStatuses;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one account, tagged {@code account}, read from its {@link AccountStatus} at each scrape. In Prometheus
 * format: {@code mailbridge_messages_delivered_total{account="support"}} and so on.
 */
final class AccountMeters {

    private final CamelContext camel;
    private final String account;

    AccountMeters(CamelContext camel, String account) {
        this.camel = camel;
        this.account = account;
    }

    /** Registers the meters; the registry holds this object weakly, so the caller keeps it. */
    List<Meter> register(MeterRegistry registry) {
        Tags tags = Tags.of("account", account);
        return List.of(
                counter(registry, tags, "mailbridge.messages.fetched", "Messages taken from the mailbox",
                        AccountStatus::fetchedCount),
                counter(registry, tags, "mailbridge.messages.delivered", "Messages the downstream route accepted",
                        AccountStatus::deliveredCount),
                counter(registry, tags, "mailbridge.messages.failed", "Failed delivery attempts",
                        AccountStatus::failedCount),
                counter(registry, tags, "mailbridge.messages.quarantined",
                        "Messages moved to the quarantine mailbox after their last attempt",
                        AccountStatus::quarantinedCount),
                gauge(registry, tags, "mailbridge.backlog", "messages", "Unseen messages at the last poll",
                        status -> status.backlogCount()),
                gauge(registry, tags, "mailbridge.poll.last.duration", "seconds",
                        "Duration of the last successful poll", status -> status.lastPollDurationMillis() / 1000.0),
                gauge(registry, tags, "mailbridge.poll.last.success.timestamp", "seconds",
                        "When the last poll succeeded, in seconds since the epoch; 0 before the first",
                        status -> status.lastSuccessfulPoll().map(at -> at.toEpochMilli() / 1000.0).orElse(0.0)),
                gauge(registry, tags, "mailbridge.poll.consecutive.failures", null, "Failed polls in a row",
                        AccountStatus::consecutiveFailures),
                gauge(registry, tags, "mailbridge.poll.next.attempt.timestamp", "seconds",
                        "While backing off after failed polls, when the next attempt is due, in seconds since the"
                                + " epoch; 0 otherwise",
                        status -> status.nextAttempt().map(at -> at.toEpochMilli() / 1000.0).orElse(0.0)),
                gauge(registry, tags, "mailbridge.account.up", null,
                        "1 when the account is UP (its health check), 0 when DOWN",
                        status -> AccountHealthCheck.assess(camel, status, false).up() ? 1 : 0));
    }

    private Meter counter(MeterRegistry registry, Tags tags, String name, String help,
                          ToDoubleFunction<AccountStatus> value) {
        return FunctionCounter.builder(name, this, meters -> meters.status().map(value::applyAsDouble).orElse(0.0))
                .description(help).tags(tags).register(registry);
    }

    private Meter gauge(MeterRegistry registry, Tags tags, String name, String unit, String help,
                        ToDoubleFunction<AccountStatus> value) {
        return Gauge.builder(name, this, meters -> meters.status().map(value::applyAsDouble).orElse(Double.NaN))
                .description(help).baseUnit(unit).tags(tags).register(registry);
    }

    /** Looked up at each scrape: a reloaded account gets a new status object. */
    private Optional<AccountStatus> status() {
        AccountStatuses statuses = camel.getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class);
        return statuses == null ? Optional.empty() : statuses.find(account);
    }
}
