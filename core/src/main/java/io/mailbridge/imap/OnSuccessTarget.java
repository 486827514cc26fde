package io.mailbridge.imap;

import io.mailbridge.account.OnSuccess;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a logged-in server makes of an account's {@code onSuccess}: whether it has the capabilities the action needs
 * without risking other clients' mail (MOVE, or UIDPLUS for a {@code UID EXPUNGE} of exactly our messages; Gmail's
 * X-GM-EXT-1 for labels), and which mailbox a move goes to, a special-use one found by its LIST attribute.
 *
 * @param mailbox the mailbox a move goes to (empty for the other actions)
 * @param exists  whether that mailbox exists now (a named one missing is created at the first connection)
 */
public record OnSuccessTarget(OnSuccess onSuccess, String mailbox, boolean exists) {

    /** Asks the server; throws {@link UnsupportedOnSuccessException}, saying why, when the action cannot be done. */
    public static OnSuccessTarget of(IMAPStore store, OnSuccess onSuccess, String host) throws MessagingException {
        switch (onSuccess.action()) {
            case SEEN, NONE -> {
                return new OnSuccessTarget(onSuccess, "", false);
            }
            case DELETE -> {
                if (!store.hasCapability("UIDPLUS")) {
                    throw new UnsupportedOnSuccessException("onSuccess delete needs the server's UIDPLUS capability"
                            + " (a UID EXPUNGE of exactly the processed messages); " + host + " does not offer it,"
                            + " and a plain EXPUNGE would also remove other clients' deleted mail; use onSuccess: seen"
                            + " or none");
                }
                return new OnSuccessTarget(onSuccess, "", false);
            }
            case LABEL -> {
                if (!store.hasCapability("X-GM-EXT-1")) {
                    throw new UnsupportedOnSuccessException("onSuccess " + onSuccess + " needs Gmail's X-GM-EXT-1"
                            + " extension (labels); " + host + " does not offer it: use move:<mailbox> there");
                }
                return new OnSuccessTarget(onSuccess, "", false);
            }
            default -> {
                if (!store.hasCapability("MOVE") && !store.hasCapability("UIDPLUS")) {
                    throw new UnsupportedOnSuccessException("onSuccess " + onSuccess + " needs the server's MOVE or"
                            + " UIDPLUS capability; " + host + " offers neither, and a COPY followed by a plain"
                            + " EXPUNGE would also remove other clients' deleted mail; use onSuccess: seen or none");
                }
                if (onSuccess.isSpecialUse()) {
                    return new OnSuccessTarget(onSuccess, specialUse(store, onSuccess.target()), true);
                }
                return new OnSuccessTarget(onSuccess, onSuccess.target(), store.getFolder(onSuccess.target()).exists());
            }
        }
    }

    /** The mailbox whose LIST attributes include {@code attribute} (such as {@code \Trash}), whatever its name. */
    static String specialUse(IMAPStore store, String attribute) throws MessagingException {
        List<String> mailboxes = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            String[] attributes = ((IMAPFolder) folder).getAttributes();
            if (attributes != null && Arrays.stream(attributes).anyMatch(attribute::equalsIgnoreCase)) {
                return folder.getFullName();
            }
            mailboxes.add(folder.getFullName());
        }
        throw new UnsupportedOnSuccessException("onSuccess move:" + attribute + ": no mailbox of this account has"
                + " the special-use attribute " + attribute + " (LIST shows " + (mailboxes.isEmpty() ? "no mailboxes"
                : String.join(", ", mailboxes.subList(0, Math.min(30, mailboxes.size())))) + "); name the mailbox"
                + " instead, e.g. move:Trash");
    }

    /** The action as the check reports it, e.g. {@code move:\Trash → '[Gmail]/Trash'}. */
    public String describe() {
        if (onSuccess.action() != OnSuccess.Action.MOVE) {
            return "onSuccess " + onSuccess + ": the server can do it";
        }
        return "onSuccess " + onSuccess + ": moves to '" + mailbox + "'" + (onSuccess.isSpecialUse()
                ? " (" + onSuccess.target() + ")" : exists ? "" : ", created at the first connection");
    }
}
