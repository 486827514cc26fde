package io.mailbridge.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.mailbridge.account.AccountField.FILTER;
import static io.mailbridge.account.AccountField.ON_SUCCESS;

/** Reads an account's {@code onSuccess} and {@code filter} fields, reporting each bad value through its {@link FieldReader}. */
final class AfterProcessingReader {

    private static final List<String> FILTER_KEYS = List.of("from", "subject", "since");
    private static final List<String> FORMS = List.of("seen", "none", "delete", "move:", "label:");

    private final FieldReader fields;

    AfterProcessingReader(FieldReader fields) {
        this.fields = fields;
    }

    OnSuccess onSuccess(String mailbox) {
        String text = fields.optionalText(ON_SUCCESS, null);
        if (text == null) {
            return OnSuccess.DEFAULT;
        }
        int colon = text.indexOf(':');
        String key = colon < 0 ? text : text.substring(0, colon) + ":";
        if (!FORMS.contains(key)) {
            String hint = DidYouMean.closest(key, FORMS).map(k -> "; did you mean '" + k + "'?").orElse("");
            fields.problem(ON_SUCCESS, "must be seen, none, delete, move:<mailbox> or label:<label>, was '" + text
                    + "'" + hint);
            return OnSuccess.DEFAULT;
        }
        String target = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (colon >= 0 && target.isEmpty()) {
            fields.problem(ON_SUCCESS, key + " needs a " + (key.equals("move:") ? "mailbox, e.g. move:Processed or"
                    + " move:\\Archive" : "Gmail label, e.g. label:processed") + ", was '" + text + "'");
            return OnSuccess.DEFAULT;
        }
        OnSuccess onSuccess = OnSuccess.parse(text);
        if (onSuccess.isSpecialUse() && !OnSuccess.SPECIAL_USES.contains(target)) {
            String hint = DidYouMean.closest(target, OnSuccess.SPECIAL_USES).map(k -> "; did you mean '" + k + "'?")
                    .orElse("");
            fields.problem(ON_SUCCESS, "move:" + target + " names no special-use mailbox; use one of "
                    + String.join(", ", OnSuccess.SPECIAL_USES) + " or a mailbox name" + hint);
            return OnSuccess.DEFAULT;
        }
        if (onSuccess.action() == OnSuccess.Action.MOVE && (target.contains("%") || target.contains("*"))) {
            fields.problem(ON_SUCCESS, "move: must name a mailbox without the IMAP wildcards '%' and '*', was '"
                    + target + "'");
            return OnSuccess.DEFAULT;
        }
        if (onSuccess.action() == OnSuccess.Action.MOVE && target.equals(mailbox)) {
            fields.problem(ON_SUCCESS, "must move to a mailbox other than the consumed one ('" + mailbox + "')");
            return OnSuccess.DEFAULT;
        }
        if (!MailFilter.isSearchable(target) && onSuccess.action() == OnSuccess.Action.LABEL) {
            fields.problem(ON_SUCCESS, "label: must be a label on one line, was '" + target + "'");
            return OnSuccess.DEFAULT;
        }
        return onSuccess;
    }

    MailFilter filter() {
        Object value = fields.raw(FILTER);
        if (value == null) {
            return MailFilter.NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            fields.problem(FILTER, "must be a map with from and/or subject (filter: {from: billing@example.com}), was "
                    + (value instanceof List ? "a list" : "'" + value + "'"));
            return MailFilter.NONE;
        }
        List<String> problemsBefore = new ArrayList<>(fields.problems());
        for (Object key : map.keySet()) {
            String text = String.valueOf(key);
            if (text.equals("since")) {
                fields.problem(FILTER, "since", "is not supported: a filter applies to every message, and the date"
                        + " limit belongs to the first start; use the account's since field (with start: all or"
                        + " start: unseen) instead");
            } else if (!FILTER_KEYS.contains(text)) {
                String hint = DidYouMean.closest(text, FILTER_KEYS).map(k -> "; did you mean '" + k + "'?").orElse("");
                fields.problem(FILTER, "has unknown key '" + text + "' (known: from, subject)" + hint);
            }
        }
        Optional<String> from = text(map, "from");
        Optional<String> subject = text(map, "subject");
        if (!fields.problems().equals(problemsBefore)) {
            return MailFilter.NONE;
        }
        if (from.isEmpty() && subject.isEmpty()) {
            fields.problem(FILTER, "must give from or subject (or be left out)");
            return MailFilter.NONE;
        }
        return new MailFilter(from, subject);
    }

    private Optional<String> text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            if (map.containsKey(key)) {
                fields.problem(FILTER, key, "must not be empty");
            }
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            fields.problem(FILTER, key, "must be a single text, was a " + (value instanceof Map ? "map" : "list"));
            return Optional.empty();
        }
        String text = fields.resolved(FILTER, String.valueOf(value).trim());
        if (text == null) {
            return Optional.empty();
        }
        if (!MailFilter.isSearchable(text)) {
            fields.problem(FILTER, key, "must be a non-empty text on one line, was '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
