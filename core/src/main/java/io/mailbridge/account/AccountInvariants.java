package io.mailbridge.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What every {@link Account} holds to, whoever builds it; each broken rule is named with its field. */
final class AccountInvariants {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Duration LONGEST = Duration.ofDays(1);

    private final List<String> broken = new ArrayList<>();

    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static boolean isHost(String host) {
        return host != null && !host.isBlank() && host.chars().noneMatch(Character::isWhitespace);
    }

    void require(boolean holds, AccountField field, String rule) {
        if (!holds) {
            broken.add(field.key() + " " + rule);
        }
    }

    void requireText(String value, AccountField field) {
        require(value != null && !value.isBlank(), field, "must not be empty");
    }

    void requireSeconds(Duration value, AccountField field) {
        require(value != null && !value.isNegative() && !value.isZero() && value.compareTo(LONGEST) <= 0, field,
                "must be a positive duration of at most a day, was " + value);
    }

    void requireRange(int value, int min, int max, AccountField field) {
        require(value >= min && value <= max, field, "must be from " + min + " to " + max + ", was " + value);
    }

    /** Throws, naming the account and every broken rule, if any is. */
    void check(String account) {
        if (!broken.isEmpty()) {
            throw new IllegalArgumentException("account '" + account + "' is invalid: " + String.join("; ", broken));
        }
    }
}
