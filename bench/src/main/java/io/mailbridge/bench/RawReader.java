package io.mailbridge.bench;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline: plain Angus Mail reading every unseen message whole, with no framework around it. Either one
 * {@code FETCH (UID BODY.PEEK[])} per message, or whole messages prefetched {@value #CHUNK} at a time. Several
 * accounts are drained {@value #CONNECTIONS} at a time, one connection (login) per account.
 */
final class RawReader {

    static final int CHUNK = 500;
    static final int CONNECTIONS = 4;

    private final Imap imap;
    private final boolean chunked;
    private final Progress progress;

    RawReader(Server server, boolean chunked, Progress progress) {
        Properties properties = new Properties();
        properties.setProperty("mail.imaps.peek", "true");
        // whole bodies in one FETCH, as mailbridge does: 16 KB partial fetches halve large-message throughput
        properties.setProperty("mail.imaps.partialfetch", "false");
        this.imap = new Imap(server, properties);
        this.chunked = chunked;
        this.progress = progress;
    }

    void drain(List<String> users) throws Exception {
        progress.start();
        if (users.size() == 1) {
            drain(users.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (String user : users) {
                tasks.add(pool.submit(() -> {
                    drain(user);
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void drain(String user) throws Exception {
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try {
            drainMailbox(user);
        } finally {
            progress.drainCpu(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore);
        }
    }

    private void drainMailbox(String user) throws Exception {
        try (Store store = imap.connect(user)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            FetchProfile whole = new FetchProfile();
            whole.add(UIDFolder.FetchProfileItem.UID);
            whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
            int step = chunked ? CHUNK : 1;
            for (int from = 0; from < unseen.length; from += step) {
                Message[] batch = Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + step));
                inbox.fetch(batch, whole);
                for (Message message : batch) {
                    inbox.getUID(message);
                    message.writeTo(OutputStream.nullOutputStream());
                    progress.delivered();
                }
            }
            inbox.close(false);
        }
    }
}
