package io.mailbridge.consumer;

import io.mailbridge.account.IdleMode;
import io.mailbridge.poll.WatchedPollScheduler;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;

/**
 * A camel-mail endpoint whose consumer is a {@link BatchImapConsumer} when it has a {@link MailboxProgress} and its
 * options allow (camel-mail's own otherwise), polled by the component's shared scheduler unless the endpoint names
 * one.
 */
public final class BatchImapEndpoint extends MailEndpoint {

    private final BatchImapComponent component;
    private MailboxProgress progress;
    private MailboxPolicy policy;
    private IdleMode idle = IdleMode.OFF;

    BatchImapEndpoint(String uri, BatchImapComponent component, MailConfiguration configuration) {
        super(uri, component, configuration);
        this.component = component;
    }

    /** Where the batch consumer keeps track of the mailbox; without it, the endpoint's consumer is camel-mail's. */
    public MailboxProgress getProgress() {
        return progress;
    }

    public void setProgress(MailboxProgress progress) {
        this.progress = progress;
    }

    /** What the batch consumer does after success and which mail it takes; null means {@link MailboxPolicy#DEFAULT}. */
    public MailboxPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(MailboxPolicy policy) {
        this.policy = policy;
    }

    /** Whether the batch consumer watches the mailbox with IMAP IDLE (where the server offers it) between polls. */
    public IdleMode getIdle() {
        return idle;
    }

    public void setIdle(IdleMode idle) {
        this.idle = idle;
    }

    @Override
    public Consumer createConsumer(Processor processor, JavaMailSender sender) throws Exception {
        if (!BatchImapConsumer.supports(this)) {
            return super.createConsumer(processor, sender);
        }
        BatchImapConsumer consumer = new BatchImapConsumer(this, processor, sender.getSession(), component);
        consumer.setMaxMessagesPerPoll(getMaxMessagesPerPoll());
        configureConsumer(consumer);
        if (getScheduledExecutorService() == null) {
            consumer.setScheduledExecutorService(new WatchedPollScheduler(component.pollScheduler()));
        }
        return consumer;
    }
}
