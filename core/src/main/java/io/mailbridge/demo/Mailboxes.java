package io.mailbridge.demo;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Date;
import java.util.Properties;

/** Users and mailboxes of the loopback server, reached through GreenMail's store rather than over the wire. */
final class Mailboxes {

    static final String INBOX = "INBOX";

    private final UserManager users;
    private final ImapHostManager host;
    private final Session session = Session.getInstance(new Properties());

    Mailboxes(Managers managers) {
        this.users = managers.getUserManager();
        this.host = managers.getImapHostManager();
    }

    void addUser(String login, String password) {
        GreenMailUser existing = users.getUser(login);
        if (existing != null) {
            existing.setPassword(password);
            return;
        }
        try {
            users.createUser(login, login, password);
        } catch (UserException e) {
            throw new IllegalStateException("cannot create user '" + login + "'", e);
        }
    }

    long deliver(String login, String mailbox, byte[] rawMime) {
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(rawMime));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot parse the message delivered to '" + login + "'", e);
        }
        return folder(login, mailbox).appendMessage(message, new Flags(), new Date());
    }

    void createMailbox(String login, String name) {
        try {
            host.createMailbox(user(login), name);
        } catch (FolderException | AuthorizationException e) {
            throw new IllegalStateException("cannot create mailbox '" + name + "' of '" + login + "'", e);
        }
    }

    Flags flags(String login, String mailbox, long uid) {
        StoredMessage message = folder(login, mailbox).getMessage(uid);
        if (message == null) {
            throw new IllegalArgumentException("no message with UID " + uid + " in '" + mailbox + "' of '" + login + "'");
        }
        return message.getFlags();
    }

    MailFolder folder(String login, String mailbox) {
        try {
            return host.getFolder(user(login), mailbox, true);
        } catch (FolderException e) {
            throw new IllegalArgumentException("no mailbox '" + mailbox + "' for '" + login + "'", e);
        }
    }

    private GreenMailUser user(String login) {
        GreenMailUser user = users.getUser(login);
        if (user == null) {
            throw new IllegalArgumentException("no user '" + login + "'; call addUser first");
        }
        return user;
    }
}
