package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.imap.AuthenticationTimeoutException;
import io.mailbridge.imap.ImapSessionFactory;
import io.mailbridge.imap.OnSuccessTarget;
import io.mailbridge.imap.UnsupportedOnSuccessException;
import io.mailbridge.oauth2.TokenRefusedException;
import io.mailbridge.oauth2.TokenSource;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The login, select and count steps, through the very Jakarta Mail session the account's route uses: the same
 * verified TLS, timeouts and authentication deadline. The mailbox is opened read-only, so checking changes nothing.
 */
final class MailboxProbe implements AutoCloseable {

    private static final int SHOWN_MAILBOXES = 30;

    private final Account account;
    private Store store;
    private Folder folder;

    MailboxProbe(Account account) {
        this.account = account;
    }

    /** Messages and unseen messages of the mailbox. */
    record Counts(int messages, int unseen) {
    }

    void login(char[] trustStorePassword, String password, ImapServer server) throws StepFailure {
        login(ImapSessionFactory.create(account, trustStorePassword), password, server);
    }

    /** Logs in with XOAUTH2 and a token of {@code tokens}, as an {@code oauth2} account's route does. */
    void login(char[] trustStorePassword, TokenSource tokens, ImapServer server) throws StepFailure {
        try {
            login(ImapSessionFactory.create(account, trustStorePassword, failure -> { }, tokens), "", server);
        } catch (StepFailure failure) {
            Optional<TokenRefusedException> grant = Causes.find(failure, TokenRefusedException.class);
            if (grant.isPresent()) {
                throw new StepFailure(TokenDiagnoses.refused(account, grant.get()), failure.getCause());
            }
            throw failure;
        }
    }

    private void login(Session session, String password, ImapServer server) throws StepFailure {
        try {
            store = session.getStore(account.scheme());
            store.connect(account.host(), account.port(), account.username(), password);
        } catch (AuthenticationTimeoutException e) {
            throw new StepFailure(Diagnoses.authenticationTimeout(account.authenticationTimeout(),
                    "the server did not finish the login in time"), e);
        } catch (AuthenticationFailedException e) {
            if (account.usesOAuth2()) {
                throw new StepFailure(TokenDiagnoses.loginRefused(account, e.getMessage()), e);
            }
            throw new StepFailure(Diagnoses.loginRefused(e.getMessage(), server.provider(),
                    password.matches("[A-Za-z]{16}")), e);
        } catch (MessagingException e) {
            String reason = StepFailure.describe(e);
            if (reason.contains("No login methods supported")) {
                throw new StepFailure("the server offers no login method mailbridge can use (it announced"
                        + " LOGINDISABLED and no AUTH=PLAIN or AUTH=LOGIN)", e);
            }
            throw new StepFailure(Diagnoses.alert(reason, server.provider()).orElse("login failed: " + reason), e);
        }
    }

    String select() throws StepFailure {
        String mailbox = account.mailbox();
        try {
            folder = store.getFolder(mailbox);
            if (!folder.exists()) {
                throw new StepFailure(missing(mailbox, mailboxes()), "LIST found no mailbox '" + mailbox + "'");
            }
            if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                throw new StepFailure("mailbox '" + mailbox + "' only holds other mailboxes, no messages; this"
                        + " account has: " + shown(mailboxes()), "\\Noselect");
            }
            folder.open(Folder.READ_ONLY);
            return "'" + mailbox + "' opened read-only";
        } catch (MessagingException e) {
            throw new StepFailure("cannot open mailbox '" + mailbox + "': " + e.getMessage(), e);
        }
    }

    Counts count() throws StepFailure {
        try {
            return new Counts(folder.getMessageCount(), folder.getUnreadMessageCount());
        } catch (MessagingException e) {
            throw new StepFailure("cannot count the messages of mailbox '" + account.mailbox() + "': "
                    + e.getMessage(), e);
        }
    }

    /** Whether the server can do the account's onSuccess action safely, and where a move goes; changes nothing. */
    String onSuccess() throws StepFailure {
        try {
            return OnSuccessTarget.of((IMAPStore) store, account.onSuccess(), account.host()).describe();
        } catch (UnsupportedOnSuccessException e) {
            throw new StepFailure(e.getMessage(), e);
        } catch (MessagingException e) {
            throw new StepFailure("cannot check onSuccess " + account.onSuccess() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
            if (store != null) {
                store.close();
            }
        } catch (MessagingException ignored) {
            // the check is over; a failed LOGOUT changes nothing on the server
        }
    }

    private List<String> mailboxes() throws MessagingException {
        return Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName).toList();
    }

    private static String missing(String mailbox, List<String> existing) {
        Optional<String> alike = existing.stream().filter(name -> normalized(name).equals(normalized(mailbox)))
                .findFirst();
        return "mailbox '" + mailbox + "' not found"
                + alike.map(name -> " (did you mean '" + name + "'? names are case-sensitive)").orElse("")
                + "; this account has: " + shown(existing);
    }

    private static String shown(List<String> mailboxes) {
        if (mailboxes.isEmpty()) {
            return "no mailboxes";
        }
        List<String> shown = mailboxes.stream().limit(SHOWN_MAILBOXES).toList();
        return String.join(", ", shown)
                + (mailboxes.size() > shown.size() ? " and " + (mailboxes.size() - shown.size()) + " more" : "");
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace('.', '/');
    }
}

