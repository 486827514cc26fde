package io.mailbridge.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** A loopback server on a dynamic port that hands every accepted connection to a script. */
final class ScriptedServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    interface Script {
        void run(Socket client) throws IOException;
    }

    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "scripted-imap-server");
        thread.setDaemon(true);
        return thread;
    });

    private ScriptedServer(ServerSocket server, Script script) {
        this.server = server;
        threads.execute(() -> accept(script));
    }

    static ScriptedServer plain(Script script) throws IOException {
        return new ScriptedServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    static ScriptedServer tls(SSLContext context, Script script) throws IOException {
        return new ScriptedServer(
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
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

    private void accept(Script script) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                threads.execute(() -> run(script, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void run(Script script, Socket client) {
        try (client) {
            script.run(client);
        } catch (IOException clientGone) {
            // the client under test gave up or the server is closing: the script has nothing left to do
        }
    }
}
