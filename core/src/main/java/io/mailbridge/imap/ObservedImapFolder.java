package io.mailbridge.imap;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import java.util.function.Consumer;

/**
 * An IMAP folder that reports a failure to open it: camel-mail swallows that failure (it logs a warning and counts an
 * empty, successful poll), so a missing or unselectable mailbox would otherwise look healthy.
 */
final class ObservedImapFolder extends IMAPFolder {

    private final Consumer<String> openFailures;

    ObservedImapFolder(String fullName, char separator, IMAPStore store, Boolean isNamespace,
                       Consumer<String> openFailures) {
        super(fullName, separator, store, isNamespace);
        this.openFailures = openFailures;
    }

    @Override
    public synchronized void open(int mode) throws MessagingException {
        try {
            super.open(mode);
        } catch (MessagingException | RuntimeException e) {
            openFailures.accept("cannot open mailbox '" + getFullName() + "': " + e.getMessage());
            throw e;
        }
    }
}
