package io.mailbridge.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fills the bench users' Maildirs directly, the fastest way to load Dovecot: each message is written to
 * {@code tmp/} and renamed into {@code new/} under a Dovecot-style unique name carrying its size
 * ({@code ,S=}, {@code ,W=}), then the tree is handed to {@code mail:mail}.
 */
final class Maildirs {

    private final Path mailRoot;

    Maildirs(Path mailRoot) {
        this.mailRoot = mailRoot;
    }

    /** Replaces each user's mailbox by {@code perUser} new messages; returns the bytes written. */
    long load(List<String> users, int perUser, int attachmentBytes) throws IOException, InterruptedException {
        long bytes = 0;
        long now = System.currentTimeMillis() / 1000;
        int index = 0;
        for (String user : users) {
            Path home = mailRoot.resolve(user);
            Trees.delete(home);
            Path maildir = home.resolve("Maildir");
            Path tmp = Files.createDirectories(maildir.resolve("tmp"));
            Path fresh = Files.createDirectories(maildir.resolve("new"));
            Files.createDirectories(maildir.resolve("cur"));
            for (int i = 0; i < perUser; i++) {
                index++;
                Path file = tmp.resolve(now + ".M" + index + "P" + ProcessHandle.current().pid() + ".bench");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    MessageFactory.write(index, user, attachmentBytes, out);
                }
                long size = Files.size(file);
                bytes += size;
                // the file has CRLF line ends already, so the virtual (CRLF) size W equals the file size S
                Files.move(file, fresh.resolve(file.getFileName() + ",S=" + size + ",W=" + size));
            }
        }
        chownToMail();
        return bytes;
    }

    private void chownToMail() throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", "mail:mail", mailRoot.toString()).inheritIO().start();
        if (chown.waitFor() != 0) {
            throw new IOException("chown -R mail:mail " + mailRoot + " failed");
        }
    }
}
