package io.mailbridge.status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an operator needs to know about one account: message counters, the last successful poll, the current run of
 * failures, its diagnosis and the next attempt, and the backlog of unseen messages seen at the last poll; it logs the
 * account's state changes, UP and DOWN. Thread-safe; never holds secrets, subjects or addresses.
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
    private volatile Instant nextAttempt;
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

    /** Records a successful poll; the first one, and the first after failures, is a state change that is logged. */
    public void pollSucceeded(Instant at, long millis) {
        int failures = consecutiveFailures;
        if (failures > 0) {
            // WARN like the DOWN line, so that a log filtered to warnings also shows the outage ending
            LOG.warn("account '{}' is UP again after {} failed poll{}", account, failures, failures == 1 ? "" : "s");
        } else if (lastSuccessfulPoll == null) {
            LOG.info("account '{}' is UP", account);
        }
        lastSuccessfulPoll = at;
        lastPollMillis.set(millis);
        consecutiveFailures = 0;
        lastError = null;
        nextAttempt = null;
    }

    /**
     * Records a failed poll. Only a state change is a WARN: the first failure, or a failure whose diagnosis differs
     * from the previous one's; every failure is a DEBUG line with the time to the next attempt.
     *
     * @param diagnosis what went wrong, in plain words (see {@code FailureDiagnosis})
     * @param retryIn   how long the account waits before its next attempt
     */
    public void pollFailed(String diagnosis, Duration retryIn) {
        int failures = consecutiveFailures + 1;
        if (failures == 1 || !diagnosis.equals(lastError)) {
            LOG.warn("account '{}' is DOWN: {}", account, diagnosis);
        }
        LOG.debug("account '{}': {} failed poll{} in a row, next attempt in {} s: {}", account, failures,
                failures == 1 ? "" : "s", retryIn.toMillis() / 1000.0, diagnosis);
        lastError = diagnosis;
        nextAttempt = Instant.now().plus(retryIn);
        consecutiveFailures = failures;
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

    /** When the account will next try to connect, while it is backing off after failed polls. */
    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttempt);
    }
}
