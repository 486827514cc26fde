package io.mailbridge.demo;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Function;
import javax.net.ServerSocketFactory;

/** A GreenMail protocol server on a free loopback port that answers without Nagle delays and with our own TLS key. */
final class NoDelayServer extends AbstractServer {

    static final String LOOPBACK = "127.0.0.1";

    private static final long STARTUP_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 10_000;
    // RFC 3501 asks for an autologout timer of at least 30 minutes; GreenMail's 30 s drops idle clients
    private static final int IDLE_CLIENT_TIMEOUT_MS = 30 * 60 * 1000;

    private final ServerSocketFactory sockets;
    private final Function<Socket, ProtocolHandler> handlers;
    private volatile IOException startupFailure;

    private NoDelayServer(String protocol, Managers managers, ServerSocketFactory sockets,
                          Function<Socket, ProtocolHandler> handlers) {
        super(setup(protocol), managers);
        this.sockets = sockets;
        this.handlers = handlers;
        setClientSocketTimeout(IDLE_CLIENT_TIMEOUT_MS);
        setDaemon(true);
    }

    static NoDelayServer imap(String protocol, Managers managers, ServerSocketFactory sockets) {
        return new NoDelayServer(protocol, managers, sockets,
            socket -> new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket));
    }

    static NoDelayServer smtp(Managers managers) {
        return new NoDelayServer(ServerSetup.PROTOCOL_SMTP, managers, ServerSocketFactory.getDefault(),
            socket -> new SmtpHandler(new SmtpCommandRegistry(), managers.getSmtpManager(), socket));
    }

    private static ServerSetup setup(String protocol) {
        ServerSetup setup = new ServerSetup(0, LOOPBACK, protocol);
        setup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
        return setup;
    }

    @Override
    protected ServerSocket openServerSocket() throws IOException {
        try {
            return bindLoopback();
        } catch (IOException e) {
            startupFailure = e;
            throw e;
        }
    }

    private ServerSocket bindLoopback() throws IOException {
        ServerSocket socket = sockets.createServerSocket();
        try {
            socket.bind(new InetSocketAddress(bindTo, 0));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        setup = setup.port(socket.getLocalPort());
        setName(setup.getProtocol() + ':' + LOOPBACK + ':' + setup.getPort());
        return socket;
    }

    /** GreenMail flushes every response line; with Nagle on, each multi-line reply waits for a delayed ACK. */
    @Override
    protected void handleClientSocket(Socket clientSocket) throws SocketException {
        clientSocket.setTcpNoDelay(true);
        super.handleClientSocket(clientSocket);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
        return new QuietHandler(handlers.apply(clientSocket), getName());
    }

    void stopAndWait() {
        stopService(STOP_TIMEOUT_MS);
    }

    void startAndWait() {
        startService();
        try {
            if (!waitTillRunning(STARTUP_TIMEOUT_MS)) {
                throw new IllegalStateException("mail server " + getName() + " did not start within "
                    + STARTUP_TIMEOUT_MS + " ms", startupFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mail server " + getName(), e);
        }
    }
}
