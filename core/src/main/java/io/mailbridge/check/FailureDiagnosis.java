package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.imap.AuthenticationTimeoutException;
import io.mailbridge.oauth2.TokenRefusedException;
import io.mailbridge.oauth2.TokenRequestException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.util.MailConnectException;

import static io.mailbridge.check.Causes.find;

/**
 * Says in the check's words why connecting to an account's server, or polling it, failed: for the routes' log lines
 * and health checks. A rejected login keeps the server's own answer; the check, which knows the password's shape and
 * the provider, explains it further.
 */
public final class FailureDiagnosis {

    private FailureDiagnosis() {
    }

    /** What went wrong, and what to do about it, when connecting to or polling {@code account} failed so. */
    public static String of(Account account, Throwable failure) {
        String where = account.host() + ":" + account.port();
        Optional<TokenRefusedException> refusedGrant = find(failure, TokenRefusedException.class);
        if (refusedGrant.isPresent()) {
            return "authentication failed: " + TokenDiagnoses.refused(account, refusedGrant.get());
        }
        Optional<TokenRequestException> noToken = find(failure, TokenRequestException.class);
        if (noToken.isPresent()) {
            return TokenDiagnoses.unavailable(noToken.get());
        }
        Optional<AuthenticationFailedException> rejected = find(failure, AuthenticationFailedException.class);
        if (rejected.isPresent()) {
            return "authentication failed: " + rejected.get().getMessage();
        }
        if (find(failure, AuthenticationTimeoutException.class).isPresent()) {
            return Diagnoses.authenticationTimeout(account.authenticationTimeout(),
                    "the server did not finish the login in time");
        }
        Optional<UnknownHostException> unknown = find(failure, UnknownHostException.class);
        if (unknown.isPresent()) {
            return NetworkFailures.lookup(account, unknown.get());
        }
        Optional<IOException> connecting = find(failure, MailConnectException.class)
                .flatMap(connect -> find(connect, IOException.class))
                .or(() -> find(failure, ConnectException.class))
                .or(() -> find(failure, NoRouteToHostException.class));
        if (connecting.isPresent()) {
            return NetworkFailures.connect(account, where, connecting.get());
        }
        return tls(account, failure).or(() -> session(account, where, failure))
                .orElseGet(() -> StepFailure.describe(failure));
    }

    private static Optional<String> tls(Account account, Throwable failure) {
        Optional<SSLException> handshake = find(failure, SSLHandshakeException.class).map(SSLException.class::cast)
                .or(() -> find(failure, SSLException.class)
                        .filter(e -> String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL")));
        return handshake.map(e -> new HandshakeFailures(account, List.of()).explain(e));
    }

    /** What went wrong once connected: the greeting, STARTTLS, the mailbox, or a connection that broke off. */
    private static Optional<String> session(Account account, String where, Throwable failure) {
        Optional<ConnectionException> refused = find(failure, ConnectionException.class)
                .filter(e -> e.getResponse() != null && !e.getResponse().isSynthetic());
        if (refused.isPresent()) {
            return Optional.of(ImapProbe.unexpectedGreeting(account, refused.get().getResponse().toString()));
        }
        if (String.valueOf(failure.getMessage()).contains("STARTTLS is required but host does not support")) {
            return Optional.of(ImapProbe.withoutStartTls(account));
        }
        if (find(failure, FolderNotFoundException.class).isPresent()) {
            return Optional.of("mailbox '" + account.mailbox() + "' not found; check mailbox in the accounts file"
                    + " (the check command lists the mailboxes the account has)");
        }
        Optional<SocketTimeoutException> silent = find(failure, SocketTimeoutException.class);
        if (silent.isPresent()) {
            return Optional.of("the server at " + where + " stopped answering (" + silent.get().getMessage()
                    + "); the next attempt makes a new connection");
        }
        Optional<String> closed = find(failure, FolderClosedException.class).map(Throwable::getMessage)
                .or(() -> find(failure, StoreClosedException.class).map(Throwable::getMessage))
                .or(() -> find(failure, ConnectionException.class).map(Throwable::getMessage));
        if (closed.isPresent()) {
            return Optional.of(closed(account, where, String.valueOf(closed.get())));
        }
        return find(failure, IOException.class).map(lost -> "the connection to " + where + " was lost: "
                + lost.getClass().getSimpleName() + ": " + lost.getMessage());
    }

    /** A connection closed after the greeting: by the server's BYE, or under the client's feet. */
    private static String closed(Account account, String where, String message) {
        if (message.toUpperCase(Locale.ROOT).startsWith("* BYE") && !message.contains("Mail Exception:")) {
            String text = message.substring(5).strip();
            return Diagnoses.alert(text, Provider.of(account.host(), text))
                    .orElse("the server at " + where + " closed the connection: " + text);
        }
        return "the connection to " + where + " was lost (closed by the server or the network)";
    }
}
