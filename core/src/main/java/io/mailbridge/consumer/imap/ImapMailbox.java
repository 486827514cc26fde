package io.mailbridge.consumer.imap;

import io.mailbridge.account.MailFilter;
import io.mailbridge.account.OnSuccess;
import io.mailbridge.imap.OnSuccessTarget;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import io.mailbridge.imap.DeadlineImapStore;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.INTERNALDATE;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One mailbox opened read-write on one logged-in connection, kept open between polls, spoken to in UID commands
 * that each cover many messages: {@code UID SEARCH} over UID ranges, one {@code UID FETCH} of facts and one of
 * bodies per chunk, one {@code UID STORE} (or {@code UID MOVE}, {@code UID EXPUNGE}) for all the messages a chunk
 * delivered. Bodies are always fetched with {@code BODY.PEEK}, so nothing is flagged seen by reading it.
 */
public final class ImapMailbox implements AutoCloseable {

    private final IMAPStore store;
    private final IMAPFolder folder;

    private ImapMailbox(IMAPStore store, IMAPFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    /** Logs in and opens {@code mailbox} read-write; the caller owns (and closes) what is returned. */
    public static ImapMailbox open(Session session, String protocol, String host, int port, String username,
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
    public boolean isOpen() {
        return folder.isOpen();
    }

    /** Whether the access token this connection logged in with is due for renewal by {@code moment}. */
    public boolean loginExpiring(Instant moment) {
        return store instanceof DeadlineImapStore deadline
                && deadline.loginRenewAt().filter(renewAt -> !renewAt.isAfter(moment)).isPresent();
    }

    public long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    /** Asks the server for what changed in the mailbox since the last command, such as mail that arrived. */
    public void noop() throws MessagingException {
        command("NOOP", responses -> null);
    }

    /** The highest UID in the mailbox, 0 when it is empty. */
    public long highestUid() throws MessagingException {
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
        return search(from, to, criteria, MailFilter.NONE);
    }

    /**
     * UIDs from {@code from} to {@code to} of the messages matching {@code criteria} (IMAP search keys) and the
     * filter, ascending; the filter's texts are sent as IMAP strings, in UTF-8 when they are not ASCII.
     */
    public long[] search(long from, long to, String criteria, MailFilter filter) throws MessagingException {
        Argument arguments = new Argument();
        boolean ascii = filter.from().orElse("").chars().allMatch(c -> c < 128)
                && filter.subject().orElse("").chars().allMatch(c -> c < 128);
        if (!ascii) {
            arguments.writeAtom("CHARSET").writeAtom("UTF-8");
        }
        arguments.writeAtom("UID").writeAtom(from + ":" + to);
        if (!"ALL".equals(criteria)) {
            for (String key : criteria.trim().split(" +")) {
                arguments.writeAtom(key);
            }
        }
        filter.from().ifPresent(text -> arguments.writeAtom("FROM").writeString(text, StandardCharsets.UTF_8));
        filter.subject().ifPresent(text -> arguments.writeAtom("SUBJECT").writeString(text, StandardCharsets.UTF_8));
        long[] uids = command("UID SEARCH", arguments, ImapMailbox::searchResults);
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
    public void flagSeen(long[] uids) throws MessagingException {
        command("UID STORE " + UidSet.of(uids) + " +FLAGS.SILENT (\\Seen)", responses -> null);
    }

    /** The mailbox's full name. */
    public String name() {
        return folder.getFullName();
    }

    /** What this server makes of an {@code onSuccess} action. */
    public OnSuccessTarget onSuccessTarget(OnSuccess onSuccess, String host) throws MessagingException {
        return OnSuccessTarget.of(store, onSuccess, host);
    }

    /** Creates the mailbox {@code name} if it does not exist. */
    public void create(String name) throws MessagingException {
        Folder mailbox = store.getFolder(name);
        if (!mailbox.exists() && !mailbox.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create mailbox '" + name + "'");
        }
    }

    /**
     * Moves the messages to {@code target}: {@code UID MOVE}, or without MOVE {@code UID COPY}, {@code \Deleted} and
     * a {@code UID EXPUNGE} (UIDPLUS) of exactly these messages. Never a plain {@code EXPUNGE}, which would also
     * remove whatever other clients flagged deleted: without MOVE and UIDPLUS the messages are only copied, and
     * false is returned.
     */
    public boolean move(long[] uids, String target) throws MessagingException {
        String set = UidSet.of(uids);
        if (store.hasCapability("MOVE")) {
            command("UID MOVE", new Argument().writeAtom(set).writeString(BASE64MailboxEncoder.encode(target)),
                    responses -> null);
            return true;
        }
        command("UID COPY", new Argument().writeAtom(set).writeString(BASE64MailboxEncoder.encode(target)),
                responses -> null);
        if (!store.hasCapability("UIDPLUS")) {
            return false;
        }
        delete(uids);
        return true;
    }

    /** Flags the messages deleted and expunges exactly them ({@code UID EXPUNGE}, which needs UIDPLUS). */
    public void delete(long[] uids) throws MessagingException {
        String set = UidSet.of(uids);
        command("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", responses -> null);
        command("UID EXPUNGE " + set, responses -> null);
    }

    /** Adds a Gmail label to the messages ({@code X-GM-LABELS}, Gmail's X-GM-EXT-1). */
    public void label(long[] uids, String label) throws MessagingException {
        Argument labels = new Argument().writeString(BASE64MailboxEncoder.encode(label));
        command("UID STORE", new Argument().writeAtom(UidSet.of(uids)).writeAtom("+X-GM-LABELS")
                .writeArgument(labels), responses -> null);
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
        return command(command, null, parse);
    }

    private <T> T command(String command, Argument arguments, Function<Response[], T> parse)
            throws MessagingException {
        @SuppressWarnings("unchecked")
        T result = (T) folder.doCommand(protocol -> run(protocol, command, arguments, parse));
        return result;
    }

    private static <T> T run(IMAPProtocol protocol, String command, Argument arguments,
                             Function<Response[], T> parse) throws ProtocolException {
        Response[] responses = protocol.command(command, arguments);
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
