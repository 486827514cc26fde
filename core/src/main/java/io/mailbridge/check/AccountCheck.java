package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.account.OnSuccess;
import io.mailbridge.account.PlaceholderResolver;
import io.mailbridge.oauth2.AccessToken;
import io.mailbridge.oauth2.TokenRefusedException;
import io.mailbridge.oauth2.TokenRequestException;
import io.mailbridge.oauth2.TokenSource;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * Checks one account step by step, DNS → TCP → TLS → greeting → capabilities → (access token) → login → select →
 * count, with the account's own timeouts, stopping at the first step that fails.
 */
final class AccountCheck {

    private final Account account;
    private final Secrets secrets;

    AccountCheck(Account account, PlaceholderResolver placeholders) {
        this.account = account;
        this.secrets = new Secrets(account, placeholders);
    }

    AccountResult run() {
        StepRecorder steps = new StepRecorder();
        long start = System.nanoTime();
        MailboxProbe.Counts counts = null;
        String explanation = null;
        try {
            counts = check(steps);
        } catch (StepFailure failure) {
            explanation = failure.explanation();
        }
        List<StepResult> results = steps.results().stream().map(step -> new StepResult(step.step(), step.ok(),
                step.millis(), secrets.redact(step.detail()))).toList();
        return new AccountResult(account.name(), explanation == null, account.host(), account.port(),
                account.mailbox(), StepRecorder.millisSince(start), results, secrets.redact(explanation),
                counts == null ? null : counts.messages(), counts == null ? null : counts.unseen());
    }

    private AccessToken token(TokenSource tokens) throws StepFailure {
        try {
            return secrets.remembered(tokens.token());
        } catch (TokenRefusedException e) {
            throw new StepFailure(TokenDiagnoses.refused(account, e), e);
        } catch (TokenRequestException e) {
            throw new StepFailure(TokenDiagnoses.unavailable(e), e);
        }
    }

    private MailboxProbe.Counts check(StepRecorder steps) throws StepFailure {
        NetworkProbe network = new NetworkProbe(account);
        List<InetAddress> addresses = steps.run(Step.DNS, network::resolve, NetworkProbe::describe);
        TlsProbe tls = new TlsProbe(account, secrets);
        tls.prepare();
        ImapServer server;
        Socket tcp = steps.run(Step.TCP, () -> network.connect(addresses.get(0)),
                socket -> "connected to " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
        try (Deadline deadline = Deadline.start(account.authenticationTimeout(), tcp)) {
            server = new ImapProbe(account, tls, steps).run(tcp, deadline);
        } finally {
            NetworkProbe.closeQuietly(tcp);
        }
        TokenSource tokens = account.usesOAuth2() ? secrets.tokens() : null;
        if (tokens != null) {
            steps.run(Step.TOKEN, () -> token(tokens), token -> "access token from "
                    + account.oauth2().orElseThrow().tokenUrl() + ", valid until " + token.expiresAt());
        }
        try (MailboxProbe mailbox = new MailboxProbe(account)) {
            steps.run(Step.LOGIN, () -> {
                if (tokens == null) {
                    mailbox.login(secrets.trustStorePassword(), secrets.password(), server);
                } else {
                    mailbox.login(secrets.trustStorePassword(), tokens, server);
                }
                return account.username();
            }, user -> "logged in as " + user + (tokens == null ? "" : " (XOAUTH2)"));
            steps.run(Step.SELECT, mailbox::select, opened -> opened);
            MailboxProbe.Counts counts = steps.run(Step.COUNT, mailbox::count,
                    found -> found.messages() + " messages, " + found.unseen() + " unseen");
            OnSuccess.Action action = account.onSuccess().action();
            if (action != OnSuccess.Action.SEEN && action != OnSuccess.Action.NONE) {
                steps.run(Step.ON_SUCCESS, mailbox::onSuccess, described -> described);
            }
            return counts;
        }
    }
}
