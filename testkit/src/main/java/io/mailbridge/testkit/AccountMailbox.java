package io.mailbridge.testkit;

import io.mailbridge.account.Account;
import io.mailbridge.demo.LoopbackMailServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One account's mailbox on the test server: deliver mail into it, see what the application did to it. UIDs are
 * those of the mailbox the account reads ({@code mailbox:} in the accounts file, INBOX by default).
 */
public final class AccountMailbox {

    private final LoopbackMailServer server;
    private final Account account;
    private final ExchangeRecorder recorder;

    AccountMailbox(LoopbackMailServer server, Account account, ExchangeRecorder recorder) {
        this.server = server;
        this.account = account;
        this.recorder = recorder;
    }

    /** The account's login, as in the accounts file. */
    public String login() {
        return account.username();
    }

    /** The mailbox the account reads. */
    public String mailbox() {
        return account.mailbox();
    }

    /** Stores the raw RFC 822 message, unseen, in the mailbox the account reads and returns its UID. */
    public long deliver(byte[] rawMessage) {
        return server.deliver(account.username(), account.mailbox(), rawMessage);
    }

    /** Delivers an {@code .eml} file. */
    public long deliver(Path emlFile) {
        try {
            return deliver(Files.readAllBytes(emlFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message file " + emlFile.toAbsolutePath(), e);
        }
    }

    /** Delivers a raw message written as text (headers, blank line, body), encoded as UTF-8. */
    public long deliver(String rawMessage) {
        return deliver(rawMessage.getBytes(StandardCharsets.UTF_8));
    }

    /** A message to compose; {@link MailBuilder#deliver()} stores it here. */
    public MailBuilder message() {
        return new MailBuilder(account.username(), this::deliver);
    }

    public boolean isSeen(long uid) {
        return server.isSeen(account.username(), account.mailbox(), uid);
    }

    /** IMAP flags as a client sees them: {@code \Seen}, {@code \Deleted}, keywords. */
    public Set<String> flags(long uid) {
        return server.flags(account.username(), account.mailbox(), uid);
    }

    /** Whether the message is still in the mailbox: present and not flagged deleted (moved away). */
    public boolean contains(long uid) {
        try {
            return !flags(uid).contains("\\Deleted");
        } catch (IllegalArgumentException noSuchMessage) {
            return false;
        }
    }

    public int messageCount() {
        return messageCount(account.mailbox());
    }

    /** Messages in another mailbox of the same login, e.g. one a pipeline moves mail to. */
    public int messageCount(String mailbox) {
        return server.messageCount(account.username(), mailbox);
    }

    public int unseenCount() {
        return server.unseenCount(account.username(), account.mailbox());
    }

    /** Messages in the account's quarantine mailbox ({@code mailbridge-quarantine} unless the file says otherwise). */
    public int quarantined() {
        return messageCount(account.quarantineMailbox());
    }

    /** Waits until the message is flagged seen; fails with its flags when the timeout passes first. */
    public void awaitSeen(long uid, Duration timeout) {
        recorder.await(timeout, () -> isSeen(uid) ? Boolean.TRUE : null, () -> "expected UID " + uid + " of "
                + account.name() + "'s " + account.mailbox() + " to be seen within " + ExchangeRecorder.seconds(timeout)
                + ", its flags are " + flags(uid) + recorder.whatHappened(null));
    }

    /** Waits until the quarantine mailbox holds {@code count} messages. */
    public void awaitQuarantined(int count, Duration timeout) {
        recorder.await(timeout, () -> quarantined() >= count ? Boolean.TRUE : null, () -> "expected " + count
                + " quarantined message(s) for " + account.name() + " within " + ExchangeRecorder.seconds(timeout)
                + ", got " + quarantined() + recorder.whatHappened(null));
    }
}
