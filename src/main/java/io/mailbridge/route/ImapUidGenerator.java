package io.mailbridge.route;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;

/**
 * Keys a message by mailbox, UIDVALIDITY and UID instead of camel-mail's default Message-ID (client-chosen and not
 * unique); it also costs the same single round trip that fetching the UID for the route needs anyway.
 */
final class ImapUidGenerator implements MailUidGenerator {

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        try {
            UIDFolder folder = (UIDFolder) message.getFolder();
            return message.getFolder().getFullName() + '/' + folder.getUIDValidity() + '/' + folder.getUID(message);
        } catch (MessagingException | RuntimeException e) {
            // camel-mail would drop the whole batch on an exception here; the key only names the message
            return "message-number/" + message.getMessageNumber();
        }
    }
}
