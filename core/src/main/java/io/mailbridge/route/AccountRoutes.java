package io.mailbridge.route;

import io.mailbridge.account.Account;
import io.mailbridge.account.AccountsLoader;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/** Creates one route per account of the accounts file from the {@link AccountRouteTemplate}. */
public final class AccountRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

    private final Path accountsFile;
    private volatile List<Account> accounts = List.of();

    public AccountRoutes(Path accountsFile) {
        this.accountsFile = accountsFile;
    }

    @Override
    public void configure() {
        accounts = new AccountsLoader(getContext()::resolvePropertyPlaceholders).load(accountsFile);
        for (Account account : accounts) {
            TemplateParameters.describe(templatedRoute(AccountRouteTemplate.TEMPLATE_ID), account);
            LOG.info("Account '{}': {}://{}:{} mailbox '{}' as {} -> {} (route {})", account.name(), account.scheme(),
                    account.host(), account.port(), account.mailbox(), account.username(), account.to(),
                    account.routeId());
        }
    }

    /** The accounts the routes were created for; empty until the routes are configured. */
    public List<Account> accounts() {
        return accounts;
    }
}
