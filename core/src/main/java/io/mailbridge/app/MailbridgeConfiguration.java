package io.mailbridge.app;

import io.mailbridge.cluster.Clustering;
import io.mailbridge.consumer.BatchImapComponent;
import io.mailbridge.consumer.imap.RawMessageSpool;
import io.mailbridge.delivery.DeliveryLedgers;
import io.mailbridge.ledger.Ledgers;
import io.mailbridge.message.AttachmentStore;
import io.mailbridge.message.MailMessageMapper;
import io.mailbridge.message.MimeParsing;
import io.mailbridge.ops.Operations;
import io.mailbridge.pipeline.SeamFlows;
import io.mailbridge.poll.PollWatchdog;
import io.mailbridge.route.AccountRouteTemplate;
import io.mailbridge.route.MailMessageProcessor;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The beans every mailbridge application binds (spool, attachment store, delivery ledgers, poll watchdog) and the
 * batch-consuming components of the account routes (mailbridge-imap, mailbridge-imaps).
 */
public class MailbridgeConfiguration implements CamelConfiguration {

    @PropertyInject(value = "mailbridge.dataDir", defaultValue = "data")
    private String dataDir;

    @PropertyInject(value = "mailbridge.watchdogSeconds", defaultValue = "1")
    private double watchdogSeconds;

    @PropertyInject(value = "mailbridge.pollThreads", defaultValue = "8")
    private int pollThreads;

    private RawMessageSpool spool;
    private DeliveryLedgers ledgers;
    private MailMessageProcessor processor;

    @BindToRegistry(AttachmentStore.BEAN)
    public AttachmentStore attachmentStore() {
        return new AttachmentStore(Path.of(dataDir, "attachments"));
    }

    @BindToRegistry(RawMessageSpool.BEAN)
    public synchronized RawMessageSpool rawMessageSpool() {
        if (spool == null) {
            spool = new RawMessageSpool(Path.of(dataDir, "spool"));
        }
        return spool;
    }

    /** Made once: camel-main calls the bean methods of a configuration twice, and the shared ledger opens a pool. */
    @BindToRegistry(value = DeliveryLedgers.BEAN, destroyMethod = "close")
    public synchronized DeliveryLedgers deliveryLedgers(CamelContext camel) {
        if (ledgers == null) {
            ledgers = Ledgers.configured(camel, Path.of(dataDir, "ledger"));
        }
        return ledgers;
    }

    @BindToRegistry(AccountStatuses.BEAN)
    public AccountStatuses accountStatuses() {
        return new AccountStatuses();
    }

    @BindToRegistry(AccountRouteTemplate.MAPPER_BEAN)
    public synchronized MailMessageProcessor messageProcessor() {
        if (processor == null) {
            processor = new MailMessageProcessor(new MailMessageMapper(attachmentStore()), MimeParsing.session());
        }
        return processor;
    }

    @Override
    public void configure(CamelContext camel) throws Exception {
        for (String scheme : BatchImapComponent.SCHEMES) {
            camel.addComponent(scheme, new BatchImapComponent(rawMessageSpool(), pollThreads,
                    messageProcessor().preparer()));
        }
        camel.addService(new PollWatchdog(camel, Duration.ofMillis(Math.round(watchdogSeconds * 1000))));
        Operations.install(camel);
        SeamFlows.install(camel);
        Clustering.install(camel);
    }
}
