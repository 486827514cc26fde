package io.mailbridge.account;

import java.util.regex.Pattern;

/** Normalises a Google app password as Google shows it ({@code abcd efgh ijkl mnop}) to the 16 letters it is. */
public final class AppPasswords {

    private static final Pattern GROUPED_APP_PASSWORD = Pattern.compile("(?:\\s*[A-Za-z]){16}\\s*");

    private AppPasswords() {
    }

    /** Strips the spaces from a password of exactly 16 letters plus spaces; returns any other password unchanged. */
    public static String normalize(String password) {
        if (password.chars().anyMatch(Character::isWhitespace) && GROUPED_APP_PASSWORD.matcher(password).matches()) {
            return password.replaceAll("\\s", "");
        }
        return password;
    }
}
