package io.mailbridge.account;

import java.util.Objects;

/** A secret value (an app password) whose text never shows in toString, logs or exceptions. */
public final class Secret {

    private static final String MASK = "xxxxxx";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself; call it only where the value leaves for the server. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
