package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;

/**
 * The steps before login over one probe connection: TLS (right away for imaps, after STARTTLS for imap), the
 * IMAP greeting and the capabilities. It never logs in; the login step uses the routes' own session.
 */
final class ImapProbe {

    private static final Pattern GREETING_CAPABILITIES = Pattern.compile("\\[CAPABILITY ([^]]*)]",
            Pattern.CASE_INSENSITIVE);
    private static final int SHOWN_GREETING = 200;

    private final Account account;
    private final TlsProbe tls;
    private final StepRecorder steps;

    ImapProbe(Account account, TlsProbe tls, StepRecorder steps) {
        this.account = account;
        this.tls = tls;
        this.steps = steps;
    }

    ImapServer run(Socket tcp, Deadline deadline) throws StepFailure {
        Socket socket = account.ssl() ? steps.run(Step.TLS, () -> tls.handshake(tcp, deadline), tls::describe) : tcp;
        ImapLines lines = new ImapLines(socket);
        String greeting = steps.run(Step.GREETING, () -> greeting(lines, deadline),
                text -> shorten(text.substring(2)));
        Set<String> capabilities = steps.run(Step.CAPABILITIES, () -> capabilities(lines, greeting, deadline),
                found -> String.join(" ", found));
        ImapLines last = lines;
        if (!account.ssl()) {
            Optional<SSLSocket> upgraded = steps.run(Step.TLS, () -> startTls(lines, tcp, capabilities, deadline),
                    layered -> layered.map(s -> "STARTTLS, " + tls.describe(s)).orElse("the server offers no STARTTLS:"
                            + " the password goes in plain text (insecure: true)"));
            last = upgraded.map(ImapLines::new).orElse(lines);
        }
        logout(last);
        return new ImapServer(greeting, capabilities, Provider.of(account.host(), greeting));
    }

    private String greeting(ImapLines lines, Deadline deadline) throws StepFailure {
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            String tlsHint = !account.ssl() && account.port() == 993
                    ? "; port 993 expects TLS right away: set ssl: true" : "";
            if (deadline.expired()) {
                throw new StepFailure(Diagnoses.authenticationTimeout(deadline.timeout(),
                        "the server accepted the connection but sent no IMAP greeting" + tlsHint), e);
            }
            if (e instanceof EOFException) {
                throw new StepFailure("the server at " + where() + " closed the connection without an IMAP greeting"
                        + tlsHint, e);
            }
            throw new StepFailure("cannot read the IMAP greeting from " + where() + ": " + e.getMessage(), e);
        }
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("* OK") || upper.startsWith("* PREAUTH")) {
            return line;
        }
        throw new StepFailure(unexpectedGreeting(account, line), line);
    }

    /** Why a server that greeted with {@code line}, a BYE or no IMAP at all, cannot be used. */
    static String unexpectedGreeting(Account account, String line) {
        String where = account.host() + ":" + account.port();
        if (line.toUpperCase(Locale.ROOT).startsWith("* BYE")) {
            String text = line.substring(5).strip();
            return Diagnoses.alert(text, Provider.of(account.host(), text))
                    .orElse("the server at " + where + " refused the connection: " + text);
        }
        return "the server at " + where + " does not speak IMAP (it answered '" + shorten(line)
                + "'); check host and port";
    }

    /** Why an {@code ssl: false} account cannot log in to a server without STARTTLS. */
    static String withoutStartTls(Account account) {
        return "the server at " + account.host() + ":" + account.port() + " offers no STARTTLS, so the password"
                + " would go in plain text: use ssl: true with the server's imaps port (usually 993), or, only on a"
                + " network you trust, set insecure: true";
    }

    private Set<String> capabilities(ImapLines lines, String greeting, Deadline deadline) throws StepFailure {
        List<String> answer = command(lines, "c1", "CAPABILITY", deadline);
        String tagged = answer.get(answer.size() - 1);
        if (!"OK".equals(ImapLines.status(tagged))) {
            throw new StepFailure("the server refused the CAPABILITY command: " + ImapLines.text(tagged), tagged);
        }
        Set<String> capabilities = new LinkedHashSet<>();
        answer.stream().filter(line -> line.toUpperCase(Locale.ROOT).startsWith("* CAPABILITY "))
                .forEach(line -> capabilities.addAll(words(line.substring("* CAPABILITY ".length()))));
        Matcher inGreeting = GREETING_CAPABILITIES.matcher(greeting);
        if (capabilities.isEmpty() && inGreeting.find()) {
            capabilities.addAll(words(inGreeting.group(1)));
        }
        return capabilities;
    }

    private Optional<SSLSocket> startTls(ImapLines lines, Socket tcp, Set<String> capabilities, Deadline deadline)
            throws StepFailure {
        if (capabilities.stream().noneMatch("STARTTLS"::equalsIgnoreCase)) {
            if (account.insecure()) {
                return Optional.empty();
            }
            throw new StepFailure(withoutStartTls(account), "capabilities without STARTTLS");
        }
        List<String> answer = command(lines, "c2", "STARTTLS", deadline);
        String tagged = answer.get(answer.size() - 1);
        if (!"OK".equals(ImapLines.status(tagged))) {
            throw new StepFailure("the server refused STARTTLS: " + ImapLines.text(tagged), tagged);
        }
        return Optional.of(tls.handshake(tcp, deadline));
    }

    private List<String> command(ImapLines lines, String tag, String command, Deadline deadline)
            throws StepFailure {
        try {
            return lines.command(tag, command);
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new StepFailure(Diagnoses.authenticationTimeout(deadline.timeout(),
                        "the server did not answer " + command + " in time"), e);
            }
            throw new StepFailure("the server at " + where() + " broke off the conversation at " + command + ": "
                    + e.getMessage(), e);
        }
    }

    /** Says goodbye without waiting: the probe has what it came for. */
    private static void logout(ImapLines lines) {
        try {
            lines.send("c9", "LOGOUT");
        } catch (IOException ignored) {
            // the server is gone already
        }
    }

    private String where() {
        return account.host() + ":" + account.port();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_GREETING ? text : text.substring(0, SHOWN_GREETING) + "…";
    }
}
