package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The DNS and TCP steps: resolves the account's host and connects to its port within the connection timeout. */
final class NetworkProbe {

    private final Account account;

    NetworkProbe(Account account) {
        this.account = account;
    }

    List<InetAddress> resolve() throws StepFailure {
        try {
            return Arrays.asList(InetAddress.getAllByName(account.host()));
        } catch (UnknownHostException e) {
            String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (reason.contains("temporary failure") || reason.contains("try again")) {
                throw new StepFailure("DNS: cannot look up host '" + account.host()
                        + "' right now (the name server did not answer); check this machine's DNS settings", e);
            }
            throw new StepFailure("DNS: host '" + account.host() + "' not found; " + (account.host().equals(
                    Account.DEFAULT_HOST) ? "that name exists, so check this machine's network and DNS settings"
                    : "check host in the accounts file (for Gmail it is " + Account.DEFAULT_HOST + ")"), e);
        }
    }

    /** Connects to the first address, as the mail routes do. */
    Socket connect(InetAddress address) throws StepFailure {
        String where = account.host() + ":" + account.port()
                + (account.host().equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")");
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, account.port()),
                    Math.toIntExact(account.connectionTimeout().toMillis()));
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new StepFailure("connect timed out after " + Durations.timeout(account.connectionTimeout())
                    + " (connectionTimeout): nothing answered at " + where
                    + "; a firewall may be dropping the connection, or host or port is wrong", e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new StepFailure("connection refused by " + where + ": nothing listens on port " + account.port()
                    + " there; check port (IMAP uses 993 with ssl: true, 143 with ssl: false)", e);
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw new StepFailure("no route to " + where + ": the network or a firewall blocks the way", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new StepFailure("cannot connect to " + where + ": " + e.getMessage(), e);
        }
    }

    /** The addresses a host resolved to, at most three of them named. */
    static String describe(List<InetAddress> addresses) {
        List<String> shown = addresses.stream().limit(3).map(InetAddress::getHostAddress).toList();
        return String.join(", ", shown) + (addresses.size() > 3 ? " and " + (addresses.size() - 3) + " more" : "");
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException abandoned) {
            // nothing more to learn from this socket
        }
    }
}
