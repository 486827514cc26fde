package io.mailbridge.status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator needs to know about one account: message counters, the last successful poll, the current run of
 * failures and its reason, and the backlog of unseen messages seen at the last poll. Thread-safe; never holds
 * secrets, subjects or addresses.
 */
public final class AccountStatus {

    private static final Logger LOG = LoggerFactory.getLogger(AccountStatus.class);

    private final String account;
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong duplicatesSuppressed = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong lastPollMillis = new AtomicLong();
    private volatile Instant lastSuccessfulPoll;
    private volatile int consecutiveFailures;
    private volatile String lastError;
    private volatile String folderOpenFailure;

    public AccountStatus(String account) {
        this.account = account;
    }

    public String account() {
        return account;
    }

    public void fetched() {
        fetched.incrementAndGet();
    }

    public void delivered() {
        delivered.incrementAndGet();
    }

    public void failed() {
        failed.incrementAndGet();
    }

    public void quarantined() {
        quarantined.incrementAndGet();
    }

    public void duplicateSuppressed() {
        duplicatesSuppressed.incrementAndGet();
    }

    public void backlog(long unseen) {
        backlog.set(unseen);
    }

    public void pollSucceeded(Instant at, long millis) {
        if (lastSuccessfulPoll == null || consecutiveFailures > 0) {
            LOG.info("account '{}' is UP{}", account,
                    consecutiveFailures > 0 ? " again after " + consecutiveFailures + " failed polls" : "");
        }
        lastSuccessfulPoll = at;
        lastPollMillis.set(millis);
        consecutiveFailures = 0;
        lastError = null;
    }

    public void pollFailed(String reason) {
        if (consecutiveFailures++ == 0) {
            LOG.warn("account '{}' is DOWN: {}", account, reason);
        }
        lastError = reason;
    }

    /** Remembers why the mailbox could not be opened during the current poll. */
    public void folderOpenFailed(String reason) {
        folderOpenFailure = reason;
    }

    /** The reason the mailbox could not be opened since the last call, if it could not. */
    public Optional<String> takeFolderOpenFailure() {
        String reason = folderOpenFailure;
        folderOpenFailure = null;
        return Optional.ofNullable(reason);
    }

    public long fetchedCount() {
        return fetched.get();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long quarantinedCount() {
        return quarantined.get();
    }

    public long duplicatesSuppressedCount() {
        return duplicatesSuppressed.get();
    }

    public long backlogCount() {
        return backlog.get();
    }

    public long lastPollDurationMillis() {
        return lastPollMillis.get();
    }

    public Optional<Instant> lastSuccessfulPoll() {
        return Optional.ofNullable(lastSuccessfulPoll);
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
