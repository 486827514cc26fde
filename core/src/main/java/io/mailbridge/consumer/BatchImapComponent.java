package io.mailbridge.consumer;

import io.mailbridge.account.IdleMode;
import io.mailbridge.consumer.imap.RawMessageSpool;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.util.StringHelper;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * camel-mail's component under mailbridge's own schemes ({@code mailbridge-imap}, {@code mailbridge-imaps}), for the
 * account routes: same options, with {@link BatchImapEndpoint}s: a batch consumer, and one scheduler of
 * {@code pollThreads} threads shared by every consumer instead of a thread each (plus as many threads fetching
 * ahead). The {@code imap} and {@code imaps} schemes stay camel-mail's, for routes users write.
 */
// camel-mail's name: under it Camel finds the generated configurers of camel-mail's options (it is added under SCHEMES)
@Component("imap")
public final class BatchImapComponent extends MailComponent {

    /** The endpoint option naming the {@link MailboxProgress} bean that makes an endpoint's consumer a batch one. */
    public static final String PROGRESS_OPTION = "progress";
    /** The endpoint option naming the {@link MailboxPolicy} bean: the action after success and the filter. */
    public static final String POLICY_OPTION = "policy";

    /** The endpoint option {@code auto} or {@code off}: whether its batch consumer watches the mailbox with IDLE. */
    public static final String IDLE_OPTION = "idle";
    /** Put before a Jakarta Mail protocol ({@code imap}, {@code imaps}) it makes this component's scheme. */
    public static final String SCHEME_PREFIX = "mailbridge-";
    /** The schemes this component is added under. */
    public static final List<String> SCHEMES = List.of(SCHEME_PREFIX + "imaps", SCHEME_PREFIX + "imap");

    private final RawMessageSpool spool;
    private final int pollThreads;
    private final MailPreparer preparer;
    private ScheduledExecutorService pollScheduler;
    private ExecutorService fetchPool;
    private IdleWatching idleWatching;
    private final FirstPollGate firstPolls = new FirstPollGate();
    private final CountDownLatch contextStarted = new CountDownLatch(1);

    /** @param preparer work to do on each message right after it is spooled, or null */
    public BatchImapComponent(RawMessageSpool spool, int pollThreads, MailPreparer preparer) {
        this.spool = spool;
        this.pollThreads = pollThreads;
        this.preparer = preparer;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MailConfiguration configuration = getConfiguration().copy();
        configuration.configure(new URI(uri.startsWith(SCHEME_PREFIX) ? uri.substring(SCHEME_PREFIX.length()) : uri));
        parameters.entrySet().removeIf(option -> {
            boolean javaMail = option.getKey().startsWith("mail.");
            if (javaMail) {
                configuration.getAdditionalJavaMailProperties().put(option.getKey(), option.getValue());
            }
            return javaMail;
        });
        BatchImapEndpoint endpoint = new BatchImapEndpoint(uri, this, configuration);
        endpoint.setProgress(resolveAndRemoveReferenceParameter(parameters, PROGRESS_OPTION, MailboxProgress.class));
        endpoint.setPolicy(resolveAndRemoveReferenceParameter(parameters, POLICY_OPTION, MailboxPolicy.class));
        String idle = getAndRemoveParameter(parameters, IDLE_OPTION, String.class, IdleMode.OFF.key());
        endpoint.setIdle(IdleMode.of(idle).orElseThrow(() -> new IllegalArgumentException(
                "endpoint option " + IDLE_OPTION + " must be one of " + IdleMode.keys() + ", was '" + idle + "'")));
        endpoint.setContentTypeResolver(getContentTypeResolver());
        setEndpointHeaderFilterStrategy(endpoint);
        setProperties(endpoint, parameters);
        StringHelper.notEmpty(configuration.getHost(), "host");
        if (configuration.getSslContextParameters() == null) {
            configuration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getCamelContext().addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (alreadyStarted) {
                    contextStarted.countDown();
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                contextStarted.countDown();
            }
        });
    }

    /**
     * Waits until Camel has started every route, so that hundreds of first polls (each a TLS login) do not starve
     * the start-up of the rest; returns false if {@code stillWanted} turns false first.
     */
    boolean awaitContextStarted(BooleanSupplier stillWanted) throws InterruptedException {
        while (!contextStarted.await(100, TimeUnit.MILLISECONDS)) {
            if (!stillWanted.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    MailPreparer preparer() {
        return preparer;
    }

    RawMessageSpool spool() {
        return spool;
    }

    synchronized ScheduledExecutorService pollScheduler() {
        if (pollScheduler == null) {
            pollScheduler = AccountTaskPool.create(getCamelContext(), this, "mailbridge-poll", pollThreads);
        }
        return pollScheduler;
    }

    /** Threads that fetch a consumer's next chunk while its poll thread routes the current one. */
    synchronized ExecutorService fetchPool() {
        if (fetchPool == null) {
            fetchPool = getCamelContext().getExecutorServiceManager()
                    .newFixedThreadPool(this, "mailbridge-fetch", pollThreads);
        }
        return fetchPool;
    }

    /** Counts the consumers whose first poll is still to come; IDLE logins wait for it. */
    FirstPollGate firstPolls() {
        return firstPolls;
    }

    /** The IMAP IDLE machinery the consumers share, started with the first consumer that watches its mailbox. */
    synchronized IdleWatching idleWatching() {
        if (idleWatching == null) {
            idleWatching = IdleWatching.configured(getCamelContext(), this);
        }
        return idleWatching;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (idleWatching != null) {
            idleWatching.close();
            idleWatching = null;
        }
        if (pollScheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdown(pollScheduler);
            pollScheduler = null;
        }
        if (fetchPool != null) {
            getCamelContext().getExecutorServiceManager().shutdown(fetchPool);
            fetchPool = null;
        }
        super.doStop();
    }
}
