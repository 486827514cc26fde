package io.mailbridge.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An IMAP server on a dynamic loopback port that answers like a given provider: its greeting, its capabilities
 * and its answer to LOGIN and AUTHENTICATE; it can also stall on a command, or never say a word.
 */
final class ScriptedImapServer implements AutoCloseable {

    static final String GMAIL_GREETING = "* OK Gimap ready for requests from 127.0.0.1 q7mb41234567";
    static final String GMAIL_CAPABILITIES = "IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1"
            + " XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER AUTH=XOAUTH";

    static final String PASSWORD = "{password}";

    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "scripted-imap-server");
        thread.setDaemon(true);
        return thread;
    });
    private String greeting = GMAIL_GREETING;
    private String capabilities = GMAIL_CAPABILITIES;
    private String loginAnswer = "OK [CAPABILITY " + GMAIL_CAPABILITIES + "] user authenticated (Success)";
    private String stallOn = "";
    private boolean silent;
    private SSLContext startTls;

    private ScriptedImapServer(ServerSocket server) {
        this.server = server;
    }

    /** Implicit TLS (imaps) with the given server certificate. */
    static ScriptedImapServer imaps(SSLContext context) throws IOException {
        return new ScriptedImapServer(
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Plain IMAP; with {@link #startTls} it offers STARTTLS. */
    static ScriptedImapServer plain() throws IOException {
        return new ScriptedImapServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    ScriptedImapServer greeting(String line) {
        this.greeting = line;
        return this;
    }

    ScriptedImapServer capabilities(String capabilities) {
        this.capabilities = capabilities;
        return this;
    }

    /**
     * The answer after the tag to LOGIN and AUTHENTICATE, e.g. {@code NO [ALERT] ... (Failure)}; in the answer to
     * AUTHENTICATE PLAIN, {@link #PASSWORD} stands for the password the client sent.
     */
    ScriptedImapServer loginAnswer(String answer) {
        this.loginAnswer = answer;
        return this;
    }

    /** Never answers this command (e.g. {@code AUTHENTICATE}) or anything after it. */
    ScriptedImapServer stallOn(String command) {
        this.stallOn = command;
        return this;
    }

    /** Accepts connections and never writes a byte (for implicit TLS: never answers the handshake). */
    ScriptedImapServer silent() {
        this.silent = true;
        return this;
    }

    ScriptedImapServer startTls(SSLContext context) {
        this.startTls = context;
        this.capabilities = capabilities + " STARTTLS";
        return this;
    }

    ScriptedImapServer start() {
        threads.execute(this::accept);
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            if (silent) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
            } else {
                converse(client);
            }
        } catch (IOException clientGone) {
            // the check under test gave up or the server is closing
        }
    }

    private void converse(Socket client) throws IOException {
        Socket socket = client;
        send(socket, greeting);
        String line;
        while ((line = readLine(socket)) != null) {
            String[] words = line.split(" ");
            String tag = words[0];
            String verb = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
            if (verb.equals(stallOn)) {
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            switch (verb) {
                case "CAPABILITY" -> send(socket, "* CAPABILITY " + capabilities, tag + " OK Thats all she wrote!");
                case "STARTTLS" -> {
                    send(socket, tag + " OK Begin TLS negotiation now");
                    socket = layerTls(socket);
                }
                case "LOGIN" -> send(socket, tag + " " + loginAnswer);
                case "AUTHENTICATE" -> {
                    String credentials = words.length > 3 ? words[3] : null;
                    if (credentials == null) {
                        send(socket, "+ ");
                        credentials = readLine(socket);
                    }
                    send(socket, tag + " " + loginAnswer.replace(PASSWORD, plainPassword(credentials)));
                }
                case "LIST" -> send(socket, "* LIST (\\HasNoChildren) \"/\" \"INBOX\"", tag + " OK Success");
                case "SELECT", "EXAMINE" -> send(socket, "* FLAGS (\\Seen \\Flagged)", "* 3 EXISTS", "* 0 RECENT",
                        "* OK [UIDVALIDITY 7] UIDs valid", "* OK [UIDNEXT 4] Predicted next UID",
                        tag + " OK [READ-ONLY] INBOX selected. (Success)");
                case "SEARCH" -> send(socket, "* SEARCH 2 3", tag + " OK SEARCH completed (Success)");
                case "LOGOUT" -> {
                    send(socket, "* BYE LOGOUT Requested", tag + " OK 73 good day (Success)");
                    return;
                }
                default -> send(socket, tag + " OK Success");
            }
        }
    }

    private Socket layerTls(Socket socket) throws IOException {
        SSLSocket layered = (SSLSocket) startTls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        layered.setUseClientMode(false);
        layered.startHandshake();
        return layered;
    }

    /** The password of a SASL PLAIN response: base64 of authzid NUL user NUL password. */
    private static String plainPassword(String base64) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8).split("\0");
            return parts[parts.length - 1];
        } catch (IllegalArgumentException | NullPointerException notPlain) {
            return "";
        }
    }

    private static void send(Socket socket, String... lines) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).strip();
    }
}
