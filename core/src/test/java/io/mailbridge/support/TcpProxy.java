package io.mailbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy to one target that counts the connections it accepts and cuts them on demand: all current
 * ones at once, or each after a random number of bytes (seeded, so a run's sequence of cut points can be replayed).
 */
public final class TcpProxy implements AutoCloseable {

    private static final long NEVER = Long.MAX_VALUE;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Random random;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile int minBytesBeforeCut;
    private volatile int maxBytesBeforeCut = -1;

    private TcpProxy(ServerSocket server, InetSocketAddress target, long seed) {
        this.server = server;
        this.target = target;
        this.random = new Random(seed);
    }

    /** Listens on a free 127.0.0.1 port and forwards every connection to {@code host:port}. */
    public static TcpProxy start(String host, int port, long seed) {
        return start(0, host, port, seed);
    }

    /** As {@link #start(String, int, long)}, on 127.0.0.1:{@code listenPort}: a port that was refusing comes up. */
    public static TcpProxy start(int listenPort, String host, int port, long seed) {
        try {
            ServerSocket server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(host, port), seed);
            daemon("tcp-proxy-" + server.getLocalPort() + "-accept", proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port for a proxy to " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections this proxy cut, by {@link #cutAll()} or after their random byte count. */
    public int cuts() {
        return cuts.get();
    }

    /** Bytes passed on in both directions, over all connections. */
    public long bytesForwarded() {
        return forwarded.get();
    }

    /** Closes both sides of every current connection. */
    public void cutAll() {
        links.forEach(this::cut);
    }

    /**
     * From now on cuts every connection, current and new, after a random number of bytes from 0 to {@code maxBytes}
     * (counted over both directions from now on): in the TLS handshake, the greeting, the middle of a FETCH, ...
     */
    public void cutEachAfterRandomBytes(int maxBytes) {
        cutEachAfterRandomBytes(0, maxBytes);
    }

    /** Like {@link #cutEachAfterRandomBytes(int)}, each connection carrying at least {@code minBytes}. */
    public void cutEachAfterRandomBytes(int minBytes, int maxBytes) {
        if (minBytes < 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 0 <= minBytes <= maxBytes, was " + minBytes + ", " + maxBytes);
        }
        minBytesBeforeCut = minBytes;
        maxBytesBeforeCut = maxBytes;
        links.forEach(link -> link.budget.set(nextBudget()));
    }

    /** New connections are no longer cut, and current ones keep whatever they have left of their byte count. */
    public void stopCutting() {
        maxBytesBeforeCut = -1;
        links.forEach(link -> link.budget.set(NEVER));
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the proxy on port " + port(), e);
        } finally {
            links.forEach(Link::close);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            int id = accepted.incrementAndGet();
            try {
                Socket upstream = new Socket();
                upstream.connect(target, CONNECT_TIMEOUT_MS);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream, nextBudget());
                links.add(link);
                daemon("tcp-proxy-" + port() + "-" + id + "-up",
                        () -> pump(link, client.getInputStream(), upstream.getOutputStream())).start();
                daemon("tcp-proxy-" + port() + "-" + id + "-down",
                        () -> pump(link, upstream.getInputStream(), client.getOutputStream())).start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Link link, InputStream in, OutputStream out) {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int allowed = link.take(read);
                if (allowed > 0) {
                    out.write(buffer, 0, allowed);
                    out.flush();
                    forwarded.addAndGet(allowed);
                }
                if (allowed < read) {
                    cut(link);
                    return;
                }
            }
        } catch (IOException e) {
            // one side went away, or another thread cut the link
        }
        link.close();
    }

    private void cut(Link link) {
        if (link.close()) {
            cuts.incrementAndGet();
        }
    }

    private long nextBudget() {
        int min = minBytesBeforeCut;
        int max = maxBytesBeforeCut;
        return max < 0 ? NEVER : min + random.nextInt(max - min + 1);
    }

    private static Thread daemon(String name, IoTask task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (IOException e) {
                // a socket closed under the task: the link is being torn down
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private interface IoTask {
        void run() throws IOException;
    }

    /** One proxied connection: the client's socket, ours to the target, and the bytes it may still carry. */
    private final class Link {

        final Socket client;
        final Socket upstream;
        final AtomicLong budget;
        final AtomicBoolean open = new AtomicBoolean(true);

        Link(Socket client, Socket upstream, long budget) {
            this.client = client;
            this.upstream = upstream;
            this.budget = new AtomicLong(budget);
        }

        /** Takes up to {@code wanted} bytes from the budget and returns how many may pass. */
        int take(int wanted) {
            while (true) {
                long left = budget.get();
                int allowed = (int) Math.min(left, wanted);
                if (budget.compareAndSet(left, left - allowed)) {
                    return allowed;
                }
            }
        }

        /** Closes both sockets; true only for the call that actually closed them. */
        boolean close() {
            if (!open.compareAndSet(true, false)) {
                return false;
            }
            closeQuietly(client);
            closeQuietly(upstream);
            links.remove(this);
            return true;
        }
    }
}
