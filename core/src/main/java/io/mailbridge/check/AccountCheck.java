package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.account.OnSuccess;
import io.mailbridge.account.PlaceholderResolver;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/**
 * Checks one account step by step, DNS → TCP → TLS → greeting → capabilities → login → select → count, with the
 * account's own timeouts, stopping at the first step that fails.
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
        try (MailboxProbe mailbox = new MailboxProbe(account)) {
            steps.run(Step.LOGIN, () -> {
                mailbox.login(secrets.trustStorePassword(), secrets.password(), server);
                return account.username();
            }, user -> "logged in as " + user);
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
