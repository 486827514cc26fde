package io.mailbridge.ops;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.status.AccountStatus;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One {@link AccountHealthCheck} per account of {@link AccountStatuses} that this node consumes (in cluster mode,
 * those of the buckets it owns), listed anew at every health query so that accounts added, removed or moved to
 * another node while running are reported without registering anything. A check is kept while its
 * account exists, because Camel keeps its success and failure counts in it.
 */
final class AccountHealthChecks implements HealthCheckRepository, CamelContextAware {

    static final String ID = "mailbridge-accounts";

    private final Map<String, AccountHealthCheck> checks = new ConcurrentHashMap<>();
    private volatile CamelContext camel;
    private volatile boolean enabled = true;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Stream<HealthCheck> stream() {
        CamelContext context = camel;
        AccountStatuses statuses = context == null ? null
                : context.getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class);
        if (!enabled || statuses == null) {
            return Stream.empty();
        }
        AccountOwnership ownership = Ownership.of(context);
        Set<String> accounts = statuses.all().stream().map(AccountStatus::account)
                .filter(account -> ownership.claim(account).isPresent()).collect(Collectors.toSet());
        checks.keySet().retainAll(accounts);
        return accounts.stream().sorted()
                .map(account -> checks.computeIfAbsent(account, name -> new AccountHealthCheck(name, context)))
                .map(HealthCheck.class::cast);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }
}
