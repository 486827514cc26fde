package io.mailbridge.route;

import io.mailbridge.account.Account;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.TemplatedRouteDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an {@link Account} becomes a route of the account route template: the parameters its endpoint URIs need, and
 * the account itself bound beside them as a template bean, which every other part of the route reads.
 */
public final class TemplateParameters {

    static final String NAME = "name";
    static final String USERNAME = "username";
    static final String SCHEME = "scheme";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String MAILBOX = "mailbox";
    static final String POLL_INTERVAL_MILLIS = "pollIntervalMillis";
    static final String MAX_MESSAGES_PER_POLL = "maxMessagesPerPoll";
    static final String TO = "to";
    static final String IDLE = "idle";
    static final String ACCOUNT_BEAN = "mailAccount";

    private TemplateParameters() {
    }

    /**
     * Fills in the account's route: its id, the template's parameters and the account bean. The one way an account
     * becomes a route, at start-up and on live reload. No secret is a parameter: they stay in the account bean.
     */
    public static TemplatedRouteDefinition describe(TemplatedRouteDefinition route, Account account) {
        route.setRouteTemplateRef(AccountRouteTemplate.TEMPLATE_ID);
        route.routeId(account.routeId());
        of(account).forEach(route::parameter);
        route.bean(ACCOUNT_BEAN, Account.class, template -> account);
        return route;
    }

    /** The template parameters for an account. */
    static Map<String, String> of(Account account) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(NAME, account.name());
        parameters.put(USERNAME, account.username());
        parameters.put(SCHEME, account.scheme());
        parameters.put(HOST, account.host());
        parameters.put(PORT, String.valueOf(account.port()));
        parameters.put(MAILBOX, account.mailbox());
        parameters.put(POLL_INTERVAL_MILLIS, String.valueOf(account.pollInterval().toMillis()));
        parameters.put(MAX_MESSAGES_PER_POLL, String.valueOf(account.maxMessagesPerPoll()));
        parameters.put(TO, account.to());
        parameters.put(IDLE, account.idle().key());
        return parameters;
    }

    /** The account a route of the template was made for. */
    static Account account(RouteTemplateContext template) {
        Account account = template.getLocalBeanRepository().lookupByNameAndType(ACCOUNT_BEAN, Account.class);
        if (account == null) {
            throw new IllegalStateException("route template " + AccountRouteTemplate.TEMPLATE_ID + " needs the bean '"
                    + ACCOUNT_BEAN + "' (the Account); make its routes with TemplateParameters.describe");
        }
        return account;
    }
}
