package io.mailbridge.check;

import java.util.Locale;

/** The mail providers whose answers the check knows how to read, told apart by host name and greeting. */
enum Provider {
    GMAIL,
    MICROSOFT,
    OTHER;

    static Provider of(String host, String greeting) {
        String name = host.toLowerCase(Locale.ROOT);
        String hello = greeting == null ? "" : greeting.toLowerCase(Locale.ROOT);
        if (name.endsWith("gmail.com") || name.endsWith("googlemail.com") || hello.contains("gimap")) {
            return GMAIL;
        }
        if (name.endsWith("office365.com") || name.endsWith("outlook.com") || name.endsWith("hotmail.com")
                || hello.contains("microsoft exchange")) {
            return MICROSOFT;
        }
        return OTHER;
    }
}
