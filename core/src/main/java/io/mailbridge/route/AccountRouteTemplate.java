package io.mailbridge.route;

import io.mailbridge.account.Account;
import io.mailbridge.account.IdleMode;
import io.mailbridge.account.SecretResolution;
import io.mailbridge.consumer.BatchImapComponent;
import io.mailbridge.consumer.MailboxPolicy;
import io.mailbridge.delivery.DeliveryConfirmation;
import io.mailbridge.delivery.DeliveryGate;
import io.mailbridge.delivery.DeliveryLedger;
import io.mailbridge.delivery.DeliveryLedgers;
import io.mailbridge.delivery.LedgerProgress;
import io.mailbridge.delivery.Quarantine;
import io.mailbridge.delivery.RetrySchedule;
import io.mailbridge.imap.ImapSessionFactory;
import io.mailbridge.oauth2.TokenSource;
import io.mailbridge.poll.PollPacing;
import io.mailbridge.status.AccountStatus;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.URISupport;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.mailbridge.route.TemplateParameters.*;

/**
 * The route template every account's route is made from: an imaps (or STARTTLS imap) batch consumer whose messages
 * pass the delivery gate (identity, de-duplication, quarantine), are mapped to a {@code MailMessage} and sent to
 * the account's {@code to}; a message is recorded as delivered and flagged seen only when that send succeeded.
 */
public final class AccountRouteTemplate extends RouteBuilder {

    public static final String TEMPLATE_ID = "mailbridge-account";
    public static final String MAPPER_BEAN = "mailbridgeMessageProcessor";
    /** The route property that marks an account's route and names its account. */
    public static final String ACCOUNT_PROPERTY = "mailbridge.account";

    private final RouteTemplateContext.BeanSupplier<Object> retrySchedules = PerRoute.once(this::retrySchedule);

    @Override
    public void configure() {
        routeTemplate(TEMPLATE_ID)
                .templateParameter(NAME, null, "Account name; the route id is mail-<name>")
                .templateParameter(USERNAME, null, "Login, e.g. the Gmail address")
                .templateParameter(SCHEME, "imaps", "imaps (implicit TLS) or imap (STARTTLS required)")
                .templateParameter(HOST, Account.DEFAULT_HOST)
                .templateParameter(PORT, String.valueOf(Account.DEFAULT_SSL_PORT))
                .templateParameter(MAILBOX, Account.DEFAULT_MAILBOX)
                .templateParameter(POLL_INTERVAL_MILLIS, millis(Account.DEFAULT_POLL_INTERVAL))
                .templateParameter(MAX_MESSAGES_PER_POLL, String.valueOf(Account.DEFAULT_MAX_MESSAGES_PER_POLL))
                .templateParameter(TO, Account.DEFAULT_TO)
                .templateParameter(IDLE, IdleMode.DEFAULT.key(), "auto (IMAP IDLE where offered) or off (polling only)")
                .templateBean("mailSession", jakarta.mail.Session.class, PerRoute.once(this::session))
                .templateBean("mailAuthenticator", AccountAuthenticator.class, PerRoute.once(this::authenticator))
                .templateBean("mailPollPacing", PollPacing.class, PerRoute.once(this::pollPacing))
                .templateBean("mailProgress", LedgerProgress.class, PerRoute.once(this::progress))
                .templateBean("mailPolicy", MailboxPolicy.class,
                        PerRoute.once(template -> MailboxPolicies.of(TemplateParameters.account(template))))
                .templateBean("mailDeliveryGate", DeliveryGate.class, PerRoute.once(this::deliveryGate))
                .templateBean("mailDeliveryConfirmation", DeliveryConfirmation.class,
                        PerRoute.once(this::deliveryConfirmation))
                .from(consumerUri())
                .routeProperty(ACCOUNT_PROPERTY, "{{" + NAME + "}}")
                .process("{{mailPollPacing}}")
                .process("{{mailDeliveryGate}}")
                .process(MAPPER_BEAN)
                .to("{{" + TO + "}}")
                .process("{{mailDeliveryConfirmation}}");
    }

    private static String consumerUri() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("username", "RAW({{" + USERNAME + "}})");
        options.put("authenticator", "#{{mailAuthenticator}}");
        options.put("session", "#{{mailSession}}");
        options.put("folderName", "RAW({{" + MAILBOX + "}})");
        options.put(BatchImapComponent.PROGRESS_OPTION, "#{{mailProgress}}");
        options.put(BatchImapComponent.POLICY_OPTION, "#{{mailPolicy}}");
        options.put("peek", "true");
        options.put("unseen", "false");
        options.put("mapMailMessage", "false");
        options.put("maxMessagesPerPoll", "{{" + MAX_MESSAGES_PER_POLL + "}}");
        options.put("greedy", "true");
        options.put("initialDelay", "0");
        options.put("delay", "{{" + POLL_INTERVAL_MILLIS + "}}");
        options.put("pollStrategy", "#{{mailPollPacing}}");
        options.put(BatchImapComponent.IDLE_OPTION, "{{" + IDLE + "}}");
        return BatchImapComponent.SCHEME_PREFIX + "{{" + SCHEME + "}}:{{" + HOST + "}}:{{" + PORT + "}}?"
                + URISupport.createQueryString(options, false);
    }

    private Object session(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        char[] trustStorePassword = secrets().trustStorePassword(account).orElse(null);
        TokenSource tokens = account.usesOAuth2() ? TokenSource.of(account, secrets()) : null;
        return ImapSessionFactory.create(account, trustStorePassword, status(account)::folderOpenFailed, tokens);
    }

    private Object authenticator(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        return new AccountAuthenticator(account.username(), account.password(), secrets());
    }

    private Object pollPacing(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        return new PollPacing(account, status(account), io.mailbridge.poll.ConnectionBackoff.configured(getContext()));
    }

    private Object deliveryGate(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        Quarantine quarantine = new Quarantine(account.quarantineMailbox(), account.deadLetter(),
                getContext().createProducerTemplate());
        return new DeliveryGate(account.mailbox(), account.maxAttempts(), ledger(account), quarantine,
                (RetrySchedule) retrySchedules.get(template), status(account));
    }

    private Object progress(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        return new LedgerProgress(account.name(), account.mailbox(), account.startPolicy(), ledger(account),
                (RetrySchedule) retrySchedules.get(template));
    }

    private Object retrySchedule(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        return new RetrySchedule(account.retryDelay(), account.maxRetryDelay());
    }

    private Object deliveryConfirmation(RouteTemplateContext template) {
        Account account = TemplateParameters.account(template);
        boolean logSubjects = Boolean.parseBoolean(
                getContext().resolvePropertyPlaceholders("{{mailbridge.logSubjects:false}}"));
        return new DeliveryConfirmation(ledger(account), status(account), logSubjects);
    }

    private AccountStatus status(Account account) {
        return getContext().getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class)
                .forAccount(account.name());
    }

    private DeliveryLedger ledger(Account account) {
        return getContext().getRegistry().lookupByNameAndType(DeliveryLedgers.BEAN, DeliveryLedgers.class)
                .forAccount(account.name());
    }

    private SecretResolution secrets() {
        return new SecretResolution(getContext()::resolvePropertyPlaceholders);
    }

    private static String millis(java.time.Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
