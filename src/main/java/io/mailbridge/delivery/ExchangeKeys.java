package io.mailbridge.delivery;

/** Exchange properties the delivery steps of an account route hand to each other. */
public final class ExchangeKeys {

    /** The {@link MessageKey} of the message the exchange carries. */
    public static final String MESSAGE_KEY = "mailbridge.messageKey";
    /** Set when the message could not be read from the server: a connection problem, not the message's fault. */
    public static final String FETCH_FAILED = "mailbridge.fetchFailed";

    private ExchangeKeys() {
    }
}
