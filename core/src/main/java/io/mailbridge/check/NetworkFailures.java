package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** The check's words for a host DNS does not know and a TCP connection that fails, shared with the routes. */
final class NetworkFailures {

    private NetworkFailures() {
    }

    static String lookup(Account account, UnknownHostException e) {
        String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (reason.contains("temporary failure") || reason.contains("try again")) {
            return "DNS: cannot look up host '" + account.host()
                    + "' right now (the name server did not answer); check this machine's DNS settings";
        }
        return "DNS: host '" + account.host() + "' not found; " + (account.host().equals(Account.DEFAULT_HOST)
                ? "that name exists, so check this machine's network and DNS settings"
                : "check host in the accounts file (for Gmail it is " + Account.DEFAULT_HOST + ")");
    }

    /** @param where {@code host:port}, with the address in parentheses when the check knows it */
    static String connect(Account account, String where, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "connect timed out after " + Durations.timeout(account.connectionTimeout())
                    + " (connectionTimeout): nothing answered at " + where
                    + "; a firewall may be dropping the connection, or host or port is wrong";
        }
        if (e instanceof ConnectException) {
            return "connection refused by " + where + ": nothing listens on port " + account.port()
                    + " there; check port (IMAP uses 993 with ssl: true, 143 with ssl: false)";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + where + ": the network or a firewall blocks the way";
        }
        return "cannot connect to " + where + ": " + e.getMessage();
    }
}
