package io.mailbridge.consumer;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One mailbox opened read-write on one logged-in connection, kept open between polls, spoken to in UID commands
 * that each cover many messages: {@code UID SEARCH} over UID ranges, one {@code UID FETCH} of facts and one of
 * bodies per chunk, one {@code UID STORE} for all the messages a chunk delivered. Bodies are always fetched with
 * {@code BODY.PEEK}, so nothing is flagged seen by reading it.
 */
final class ImapMailbox implements AutoCloseable {

    private final IMAPStore store;
    private final IMAPFolder folder;

    private ImapMailbox(IMAPStore store, IMAPFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    /** Logs in and opens {@code mailbox} read-write; the caller owns (and closes) what is returned. */
    static ImapMailbox open(Session session, String protocol, String host, int port, String username,
                            String password, String mailbox) throws MessagingException {
        Store store = session.getStore(protocol);
        try {
            store.connect(host, port, username, password);
            Folder folder = store.getFolder(mailbox);
            if (!folder.exists()) {
                throw new FolderNotFoundException(folder, "mailbox '" + mailbox + "' does not exist");
            }
            folder.open(Folder.READ_WRITE);
            return new ImapMailbox((IMAPStore) store, (IMAPFolder) folder);
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /** Whether the mailbox is still open; unlike the store's check, this never opens a second connection. */
    boolean isOpen() {
        return folder.isOpen();
    }

    long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    /** Asks the server for what changed in the mailbox since the last command, such as mail that arrived. */
    void noop() throws MessagingException {
        command("NOOP", responses -> null);
    }

    /** The highest UID in the mailbox, 0 when it is empty. */
    long highestUid() throws MessagingException {
        return command("UID FETCH * (UID)", responses -> {
            long highest = 0;
            for (int index = 0; index < responses.length; index++) {
                if (responses[index] instanceof FetchResponse fetch && fetch.getItem(UID.class) != null) {
                    highest = Math.max(highest, fetch.getItem(UID.class).uid);
                    responses[index] = null;
                }
            }
            return highest;
        });
    }

    /** UIDs from {@code from} to {@code to} of the messages matching {@code criteria} (IMAP search keys), ascending. */
    long[] search(long from, long to, String criteria) throws MessagingException {
        long[] uids = command("UID SEARCH UID " + from + ":" + to + ("ALL".equals(criteria) ? "" : " " + criteria),
                ImapMailbox::searchResults);
        return Arrays.stream(uids).filter(uid -> uid >= from && uid <= to).toArray();
    }

    private static long[] searchResults(Response[] responses) {
        List<long[]> found = new ArrayList<>();
        int count = 0;
        for (int index = 0; index < responses.length; index++) {
            if (responses[index] instanceof IMAPResponse response && response.keyEquals("SEARCH")) {
                long[] uids = new long[16];
                int size = 0;
                long uid;
                while ((uid = response.readLong()) != -1) {
                    if (size == uids.length) {
                        uids = Arrays.copyOf(uids, size * 2);
                    }
                    uids[size++] = uid;
                }
                found.add(Arrays.copyOf(uids, size));
                count += size;
                responses[index] = null;
            }
        }
        long[] all = new long[count];
        int at = 0;
        for (long[] uids : found) {
            System.arraycopy(uids, 0, all, at, uids.length);
            at += uids.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** UID, flags, INTERNALDATE and size of each message still in the mailbox, in the order of {@code uids}. */
    List<MessageFacts> facts(long[] uids) throws MessagingException {
        return command("UID FETCH " + UidSet.of(uids) + " (UID FLAGS INTERNALDATE RFC822.SIZE)", responses -> {
            List<MessageFacts> facts = new ArrayList<>(uids.length);
            for (int index = 0; index < responses.length; index++) {
                if (responses[index] instanceof FetchResponse fetch && fetch.getItem(UID.class) != null) {
                    UID uid = fetch.getItem(UID.class);
                    FLAGS flags = fetch.getItem(FLAGS.class);
                    INTERNALDATE date = fetch.getItem(INTERNALDATE.class);
                    RFC822SIZE size = fetch.getItem(RFC822SIZE.class);
                    facts.add(new MessageFacts(uid.uid,
                            date == null || date.getDate() == null ? null : Instant.ofEpochMilli(date.getDate().getTime()),
                            size == null ? -1 : size.size,
                            flags != null && flags.contains(Flags.Flag.SEEN),
                            flags != null && flags.contains(Flags.Flag.DELETED)));
                    responses[index] = null;
                }
            }
            facts.sort((left, right) -> Long.compare(left.uid(), right.uid()));
            return facts;
        });
    }

    /** The whole raw bytes of each message, by UID; a message expunged meanwhile is missing from the result. */
    List<FetchedBody> bodies(long[] uids) throws MessagingException {
        return command("UID FETCH " + UidSet.of(uids) + " (UID BODY.PEEK[])", responses -> {
            List<FetchedBody> bodies = new ArrayList<>(uids.length);
            for (int index = 0; index < responses.length; index++) {
                if (responses[index] instanceof FetchResponse fetch && fetch.getItem(UID.class) != null
                        && fetch.getItem(BODY.class) != null) {
                    bodies.add(new FetchedBody(fetch.getItem(UID.class).uid, fetch.getItem(BODY.class).getByteArray()));
                    responses[index] = null;
                }
            }
            return bodies;
        });
    }

    /** Up to {@code length} raw bytes of one message from {@code offset}; empty past its end or once expunged. */
    ByteArray bodyRange(long uid, long offset, int length) throws MessagingException {
        return command("UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + length + ">)", responses -> {
            ByteArray bytes = null;
            for (int index = 0; index < responses.length; index++) {
                if (responses[index] instanceof FetchResponse fetch && fetch.getItem(UID.class) != null
                        && fetch.getItem(UID.class).uid == uid && fetch.getItem(BODY.class) != null) {
                    bytes = fetch.getItem(BODY.class).getByteArray();
                    responses[index] = null;
                }
            }
            return bytes == null ? new ByteArray(0) : bytes;
        });
    }

    /** Flags the messages seen, in one command. */
    void flagSeen(long[] uids) throws MessagingException {
        command("UID STORE " + UidSet.of(uids) + " +FLAGS.SILENT (\\Seen)", responses -> null);
    }

    /** Moves the messages to {@code target}, creating it if missing; COPY, delete and expunge without MOVE. */
    void move(long[] uids, String target) throws MessagingException {
        Folder destination = store.getFolder(target);
        if (!destination.exists() && !destination.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create mailbox '" + target + "'");
        }
        Message[] messages = Arrays.stream(folder.getMessagesByUID(uids)).filter(message -> message != null)
                .toArray(Message[]::new);
        if (messages.length == 0) {
            return;
        }
        if (store.hasCapability("MOVE")) {
            folder.moveMessages(messages, destination);
            return;
        }
        folder.copyMessages(messages, destination);
        folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            folder.expunge(messages);
        } else {
            folder.expunge();
        }
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone already; closing the store below releases what is left
        }
        closeQuietly(store);
    }

    private <T> T command(String command, Function<Response[], T> parse) throws MessagingException {
        @SuppressWarnings("unchecked")
        T result = (T) folder.doCommand(protocol -> run(protocol, command, parse));
        return result;
    }

    private static <T> T run(IMAPProtocol protocol, String command, Function<Response[], T> parse)
            throws ProtocolException {
        Response[] responses = protocol.command(command, null);
        Response status = responses[responses.length - 1];
        T result = status.isOK() ? parse.apply(responses) : null;
        protocol.notifyResponseHandlers(responses);
        protocol.handleResult(status);
        return result;
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // nothing left to release
        }
    }

    /** One message's raw bytes as the server sent them. */
    record FetchedBody(long uid, ByteArray bytes) {
    }
}
