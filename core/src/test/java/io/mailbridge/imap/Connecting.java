package io.mailbridge.imap;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mailbridge.account.Account;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Duration;

/** A failed connection attempt: what it threw and how long it took. */
record Connecting(MessagingException error, Duration elapsed) {

    /** Connects the account's store with the session the factory builds for it, expecting it to fail. */
    static Connecting fails(TestAccounts accounts) throws MessagingException {
        Account account = accounts.build();
        String scheme = account.scheme();
        int port = account.port();
        Store store = accounts.session().getStore(scheme);
        long start = System.nanoTime();
        MessagingException error = catchThrowableOfType(MessagingException.class,
                () -> store.connect("127.0.0.1", port, TestAccounts.USER, TestAccounts.PASSWORD));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s:%d failed after %d ms: %s%n", scheme, port, elapsed.toMillis(), error);
        return new Connecting(error, elapsed);
    }
}
