package io.mailbridge.consumer;

import io.mailbridge.account.OnSuccess;
import io.mailbridge.consumer.imap.ImapMailbox;
import io.mailbridge.imap.OnSuccessTarget;
import io.mailbridge.imap.UnsupportedOnSuccessException;
import jakarta.mail.MessagingException;

/**
 * An account's {@code onSuccess} prepared on one connection (capabilities checked, a special-use target resolved, a
 * named one created), applied to the messages a chunk delivered in one or two commands.
 */
final class SuccessAction {

    private final OnSuccess onSuccess;
    private final String mailbox;

    private SuccessAction(OnSuccess onSuccess, String mailbox) {
        this.onSuccess = onSuccess;
        this.mailbox = mailbox;
    }

    /** Checks the action against the newly opened mailbox's server; throws, saying why, if it cannot be done. */
    static SuccessAction prepare(ImapMailbox open, OnSuccess onSuccess, String host) throws MessagingException {
        OnSuccessTarget target = open.onSuccessTarget(onSuccess, host);
        if (onSuccess.action() == OnSuccess.Action.MOVE) {
            if (target.mailbox().equals(open.name())) {
                throw new UnsupportedOnSuccessException("onSuccess " + onSuccess + " is the consumed mailbox '"
                        + open.name() + "' itself; move to another one");
            }
            if (!target.exists()) {
                open.create(target.mailbox());
            }
        }
        return new SuccessAction(onSuccess, target.mailbox());
    }

    /** Does the action to the messages, ascending UIDs of this mailbox whose routes succeeded. */
    void apply(ImapMailbox open, long[] uids) throws MessagingException {
        switch (onSuccess.action()) {
            case NONE -> {
            }
            case SEEN -> open.flagSeen(uids);
            case DELETE -> open.delete(uids);
            case LABEL -> {
                open.flagSeen(uids);
                open.label(uids, onSuccess.target());
            }
            case MOVE -> {
                open.flagSeen(uids);
                open.move(uids, mailbox);
            }
        }
    }
}
