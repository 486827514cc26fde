package io.mailbridge.check;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Turns what a server answered into advice a person can act on; the provider's own wording is the evidence. */
final class Diagnoses {

    static final String GMAIL_APP_PASSWORD = "authentication failed: Gmail rejected the password — use an app"
            + " password (Google Account → Security → 2-Step Verification → App passwords); a normal account"
            + " password no longer works";

    private Diagnoses() {
    }

    /** The login was not finished within the account's authentication timeout. */
    static String authenticationTimeout(Duration timeout, String what) {
        return "authentication timed out after " + Durations.timeout(timeout) + " (authenticationTimeout): " + what;
    }

    /**
     * Advice for a refused login.
     *
     * @param serverText          the server's answer after the tag and NO, e.g. {@code [ALERT] Invalid credentials}
     * @param looksLikeAppPassword whether the password has the shape of a Google app password (16 letters)
     */
    static String loginRefused(String serverText, Provider provider, boolean looksLikeAppPassword) {
        String text = serverText == null || serverText.isBlank() ? "(no reason given)" : serverText.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        Optional<String> alert = alert(text, provider);
        if (alert.isPresent()) {
            return alert.get();
        }
        if (lower.contains("application-specific password required")) {
            return GMAIL_APP_PASSWORD;
        }
        if (provider == Provider.GMAIL
                && (lower.contains("invalid credentials") || lower.contains("authenticationfailed"))) {
            return GMAIL_APP_PASSWORD + (looksLikeAppPassword
                    ? ". If it is one, it may have been revoked (changing the Google password revokes them): create"
                    + " a new one; and check that username is the full Gmail address"
                    : ". The configured password does not have the form of an app password (16 letters)");
        }
        if (provider == Provider.MICROSOFT) {
            return "authentication failed: Microsoft 365 and Outlook.com no longer accept passwords over IMAP"
                    + " (basic authentication is off; for personal accounts since September 2024): use auth: oauth2"
                    + " (README: OAuth2); the server said: " + text;
        }
        if (lower.contains("[unavailable]")) {
            return "the server cannot log anyone in right now; try again later: " + text;
        }
        if (lower.contains("[expired]")) {
            return "authentication failed: the password has expired; set a new one: " + text;
        }
        if (lower.contains("[privacyrequired]")) {
            return "authentication failed: the server accepts logins only over an encrypted connection: " + text;
        }
        if (lower.contains("[contactadmin]")) {
            return "authentication failed: the server asks you to contact its administrator: " + text;
        }
        return "authentication failed: the server rejected the username or password: " + text;
    }

    /** Advice for the provider answers that are not about the password itself, wherever they appear. */
    static Optional<String> alert(String serverText, Provider provider) {
        String lower = serverText.toLowerCase(Locale.ROOT);
        if (lower.contains("too many simultaneous connections")) {
            return Optional.of("too many simultaneous connections (Gmail allows about 15 per account): close other"
                    + " mail clients or mailbridge instances using this account, or wait a few minutes for idle"
                    + " ones to drop; the server said: " + serverText);
        }
        if (lower.contains("maximum number of connections")) {
            return Optional.of("too many simultaneous connections for this user: close other mail clients using"
                    + " this account; the server said: " + serverText);
        }
        if (lower.contains("not enabled for imap")) {
            return Optional.of("IMAP is turned off for this Gmail account: enable IMAP in Gmail settings →"
                    + " Forwarding and POP/IMAP (in Google Workspace the administrator may have to allow it)");
        }
        if (lower.contains("log in via your web browser") || lower.contains("web login required")
                || lower.contains("[webalert")) {
            return Optional.of("Gmail wants this account to sign in with a web browser first (a security check):"
                    + " sign in at https://mail.google.com, confirm the sign-in if asked, then check again");
        }
        if (lower.contains("bandwidth")) {
            return Optional.of((provider == Provider.GMAIL ? "Gmail" : "the server")
                    + " has suspended IMAP for this account for exceeding its download limit (Gmail: about 2500 MB"
                    + " a day, shared by every client); it lifts by itself within a day: " + serverText);
        }
        return Optional.empty();
    }
}
