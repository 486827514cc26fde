package io.mailbridge.check;

import io.mailbridge.account.Account;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

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
            throw new StepFailure(NetworkFailures.lookup(account, e), e);
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
        } catch (IOException e) {
            closeQuietly(socket);
            throw new StepFailure(NetworkFailures.connect(account, where, e), e);
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
