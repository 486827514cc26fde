package io.mailbridge.ops;

import io.mailbridge.status.AccountStatus;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;
import java.util.Optional;

/**
 * The health of one account ({@code account-<name>} in group {@code mailbridge}): DOWN with the reason when its last
 * poll failed or its consumer stopped polling, with the account's counters as details. Never shows a secret: the
 * details are numbers, times and the poll failure's message.
 */
final class AccountHealthCheck extends AbstractHealthCheck {

    static final String GROUP = "mailbridge";
    static final String ID_PREFIX = "account-";

    private final String account;

    AccountHealthCheck(String account, CamelContext camel) {
        super(GROUP, ID_PREFIX + account);
        this.account = account;
        setCamelContext(camel);
    }

    /** Liveness reports only a consumer that stopped polling; readiness (the default) reports every problem. */
    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean liveness = String.valueOf(options.get(CHECK_KIND)).equalsIgnoreCase(Kind.LIVENESS.name());
        Optional<AccountStatus> status = status();
        if (status.isEmpty()) {
            builder.detail("account", account);
            down(builder, "account removed");
            return;
        }
        AccountHealth.Verdict verdict = assess(getCamelContext(), status.get(), liveness);
        details(builder, status.get(), verdict);
        if (verdict.up()) {
            builder.up();
        } else {
            down(builder, verdict.reason());
        }
    }

    /** The account's verdict now, for the health check and the {@code mailbridge_account_up} gauge. */
    static AccountHealth.Verdict assess(CamelContext camel, AccountStatus status, boolean liveness) {
        Optional<PollerState> poller = AccountPoller.find(camel, status.account()).map(p -> p.state(camel));
        return AccountHealth.assess(status, poller, liveness);
    }

    private Optional<AccountStatus> status() {
        AccountStatuses statuses = getCamelContext().getRegistry()
                .lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class);
        return statuses == null ? Optional.empty() : statuses.find(account);
    }

    private static void details(HealthCheckResultBuilder builder, AccountStatus status, AccountHealth.Verdict verdict) {
        builder.detail("account", status.account());
        builder.detail("state", verdict.up() ? "UP" : "DOWN");
        status.lastSuccessfulPoll().ifPresent(at -> builder.detail("lastSuccessfulPoll", at.toString()));
        builder.detail("backlog", status.backlogCount());
        builder.detail("consecutiveFailures", status.consecutiveFailures());
        status.nextAttempt().ifPresent(at -> builder.detail("nextAttempt", at.toString()));
        builder.detail("fetched", status.fetchedCount());
        builder.detail("delivered", status.deliveredCount());
        builder.detail("failed", status.failedCount());
        builder.detail("quarantined", status.quarantinedCount());
    }

    private static void down(HealthCheckResultBuilder builder, String reason) {
        builder.detail("reason", reason);
        builder.message(reason);
        builder.down();
    }
}
