package io.mailbridge.account;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens on the server to a message once its route succeeded: {@code seen} (the default), {@code none},
 * {@code delete}, {@code move:<mailbox>} (a special-use mailbox written as its attribute, {@code move:\Trash}), or
 * {@code label:<label>} (Gmail). A failed message is never touched.
 *
 * @param target the mailbox of {@code move}, the label of {@code label}, empty otherwise
 */
public record OnSuccess(Action action, String target) {

    public static final OnSuccess DEFAULT = new OnSuccess(Action.SEEN, "");
    /** The RFC 6154 attributes (and Gmail's {@code \Important}) a move target may name instead of a mailbox. */
    public static final List<String> SPECIAL_USES = List.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk",
            "\\Sent", "\\Trash", "\\Important");

    /** The kinds of action, as written before the colon. */
    public enum Action {
        SEEN, NONE, DELETE, MOVE, LABEL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean hasTarget() {
            return this == MOVE || this == LABEL;
        }

        static Optional<Action> of(String key) {
            return Arrays.stream(values()).filter(action -> action.key().equals(key)).findFirst();
        }
    }

    public OnSuccess {
        if (action == null || target == null || action.hasTarget() == target.isBlank()) {
            throw new IllegalArgumentException("onSuccess " + action + " takes " + (action != null && action.hasTarget()
                    ? "a target" : "no target") + ", was '" + target + "'");
        }
    }

    /** The value as written in the accounts file: {@code seen}, {@code move:Processed}, ... */
    public static OnSuccess parse(String text) {
        int colon = text.indexOf(':');
        String key = colon < 0 ? text : text.substring(0, colon);
        Action action = Action.of(key.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("unknown onSuccess '" + text + "'"));
        return new OnSuccess(action, colon < 0 ? "" : text.substring(colon + 1).trim());
    }

    /** Whether a move names its target by special-use attribute ({@code \Trash}) rather than by name. */
    public boolean isSpecialUse() {
        return action == Action.MOVE && target.startsWith("\\");
    }

    @Override
    public String toString() {
        return action.key() + (target.isEmpty() ? "" : ":" + target);
    }
}
