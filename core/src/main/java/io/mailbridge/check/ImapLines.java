package io.mailbridge.check;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line-by-line IMAP over a socket, for the commands sent before login (CAPABILITY, STARTTLS, LOGOUT). It reads
 * byte by byte, unbuffered, so nothing the server sends after STARTTLS is swallowed before TLS takes over.
 */
final class ImapLines {

    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;

    ImapLines(Socket socket) {
        this.socket = socket;
    }

    /** One line without its CRLF; an {@link EOFException} when the server closes the connection. */
    String readLine() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the server closed the connection"
                        + (line.size() > 0 ? " after '" + line.toString(StandardCharsets.UTF_8) + "'" : ""));
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("the server sent a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /** Sends {@code tag command} and returns every line up to and including the tagged answer. */
    List<String> command(String tag, String command) throws IOException {
        send(tag, command);
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (!line.startsWith(tag + " "));
        return lines;
    }

    /** Sends {@code tag command} without waiting for the answer. */
    void send(String tag, String command) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status of a tagged answer line: {@code OK}, {@code NO} or {@code BAD}. */
    static String status(String taggedLine) {
        String[] words = taggedLine.split(" ", 3);
        return words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    }

    /** The text after the tag and status. */
    static String text(String taggedLine) {
        String[] words = taggedLine.split(" ", 3);
        return words.length > 2 ? words[2] : "";
    }
}
