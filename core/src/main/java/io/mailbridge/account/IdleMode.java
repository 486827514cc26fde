package io.mailbridge.account;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code idle:} values: whether new mail is pushed with IMAP IDLE where the server offers it, or only polled. */
public enum IdleMode {
    AUTO, OFF;

    public static final IdleMode DEFAULT = AUTO;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IdleMode> of(String key) {
        return Arrays.stream(values()).filter(mode -> mode.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(IdleMode::key).toList();
    }
}
