package io.mailbridge.app;

import io.mailbridge.message.AttachmentStore;
import io.mailbridge.message.MailMessageMapper;
import io.mailbridge.message.MimeParsing;
import io.mailbridge.message.RawMessageSpool;
import io.mailbridge.route.AccountRouteTemplate;
import io.mailbridge.route.MailMessageProcessor;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

import java.nio.file.Path;

/** The beans every mailbridge application binds: the message processor and the attachment store behind it. */
public class MailbridgeConfiguration implements CamelConfiguration {

    @PropertyInject(value = "mailbridge.dataDir", defaultValue = "data")
    private String dataDir;

    @BindToRegistry(AttachmentStore.BEAN)
    public AttachmentStore attachmentStore() {
        return new AttachmentStore(Path.of(dataDir, "attachments"));
    }

    @BindToRegistry(AccountRouteTemplate.MAPPER_BEAN)
    public MailMessageProcessor messageProcessor() {
        return new MailMessageProcessor(new RawMessageSpool(Path.of(dataDir, "spool")),
                new MailMessageMapper(attachmentStore()), MimeParsing.session());
    }
}
