package io.mailbridge.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

import static io.mailbridge.message.MailHeaders.ACCOUNT;
import static io.mailbridge.message.MailHeaders.MAILBOX;
import static io.mailbridge.message.MailHeaders.UID;
import static io.mailbridge.message.MailHeaders.UID_VALIDITY;

/**
 * The default dead-letter endpoint: writes each quarantined message's raw MIME and its reason as files
 * {@code <dataDir>/dead-letter/<account>/<uidValidity>-<uid>.eml} and {@code .reason.txt}.
 */
public final class DeadLetterRoute extends RouteBuilder {

    public static final String ENDPOINT = "direct:mailbridge-dead-letter";
    private static final String DIRECTORY = "file:{{mailbridge.dataDir}}/dead-letter?tempPrefix=.writing-";

    @Override
    public void configure() {
        from(ENDPOINT).routeId("mailbridge-dead-letter")
                .setHeader(Exchange.FILE_NAME, simple("${header.MailAccount}/${header.MailUidValidity}-${header.MailUid}.eml"))
                .to(DIRECTORY)
                .process(DeadLetterRoute::reasonFile)
                .to(DIRECTORY);
    }

    private static void reasonFile(Exchange exchange) {
        Message message = exchange.getMessage();
        String name = message.getHeader(Exchange.FILE_NAME, String.class);
        message.setHeader(Exchange.FILE_NAME, name.replaceFirst("\\.eml$", ".reason.txt"));
        message.setBody(String.join("\n",
                "account: " + message.getHeader(ACCOUNT),
                "mailbox: " + message.getHeader(MAILBOX),
                "uidValidity: " + message.getHeader(UID_VALIDITY),
                "uid: " + message.getHeader(UID),
                "attempts: " + message.getHeader(Quarantine.ATTEMPTS_HEADER),
                "reason: " + message.getHeader(Quarantine.REASON_HEADER), ""));
    }
}
