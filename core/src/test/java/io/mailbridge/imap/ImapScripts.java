package io.mailbridge.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** IMAP servers for the scripted tests: silent, dripping, or answering every command until one to stall on. */
final class ImapScripts {

    private ImapScripts() {
    }

    /** Accepts and never writes a byte. */
    static ScriptedServer.Script silent() {
        return client -> drain(client.getInputStream());
    }

    /** Sends a greeting one byte per interval, so no single read ever waits long. */
    static ScriptedServer.Script drippingGreeting(Duration interval) {
        return client -> {
            byte[] greeting = "* OK [CAPABILITY IMAP4rev1] a greeting that takes twenty seconds to arrive\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            AtomicInteger next = new AtomicInteger();
            OutputStream out = client.getOutputStream();
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            try {
                Runnable drip = () -> {
                    int index = next.getAndIncrement();
                    if (index < greeting.length) {
                        writeByte(out, greeting[index]);
                    }
                };
                ticker.scheduleAtFixedRate(drip, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
                drain(client.getInputStream());
            } finally {
                ticker.shutdownNow();
            }
        };
    }

    /**
     * Greets with the given capabilities and answers OK to every command until {@code stallOn}, after which it
     * never writes again (a STARTTLS is still accepted, so the stall hits the TLS handshake). With a TLS
     * context, STARTTLS really starts TLS and the conversation goes on.
     */
    static ScriptedServer.Script conversation(String capabilities, String stallOn, SSLContext tls) {
        return client -> {
            Socket socket = client;
            send(socket, "* OK [CAPABILITY " + capabilities + "] scripted server ready");
            String line;
            while ((line = readLine(socket.getInputStream())) != null) {
                String[] words = line.split(" ");
                String tag = words[0];
                String verb = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
                if (verb.equals("STARTTLS")) {
                    send(socket, tag + " OK begin TLS");
                }
                if (verb.equals(stallOn)) {
                    drain(socket.getInputStream());
                    return;
                }
                switch (verb) {
                    case "STARTTLS" -> socket = startTls(socket, tls);
                    case "CAPABILITY" -> send(socket, "* CAPABILITY " + capabilities, tag + " OK done");
                    case "SELECT", "EXAMINE" -> send(socket, "* 0 EXISTS", "* 0 RECENT", "* OK [UIDVALIDITY 1] ok",
                            "* FLAGS ()", tag + " OK [READ-WRITE] done");
                    case "LOGOUT" -> {
                        send(socket, "* BYE scripted server logging out", tag + " OK done");
                        return;
                    }
                    default -> send(socket, tag + " OK done");
                }
            }
        };
    }

    /** Runs {@code first} on the first connection and {@code later} on every further one. */
    static ScriptedServer.Script firstThen(ScriptedServer.Script first, ScriptedServer.Script later) {
        AtomicInteger connections = new AtomicInteger();
        return client -> (connections.getAndIncrement() == 0 ? first : later).run(client);
    }

    private static Socket startTls(Socket socket, SSLContext tls) throws IOException {
        SSLSocket layered = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        layered.setUseClientMode(false);
        layered.startHandshake();
        return layered;
    }

    private static void send(Socket socket, String... lines) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (String line : lines) {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static void writeByte(OutputStream out, byte b) {
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the client hung up", e);
        }
    }
}
