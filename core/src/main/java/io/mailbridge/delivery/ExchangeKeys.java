package io.mailbridge.delivery;

/** Exchange properties the delivery steps of an account route hand to each other. */
public final class ExchangeKeys {

    /** The {@link MessageKey} of the message the exchange carries. */
    public static final String MESSAGE_KEY = "mailbridge.messageKey";
    /** The {@code MailMessage} as mapped, before the downstream route changed the body. */
    public static final String MAIL_MESSAGE = "mailbridge.mailMessage";
    /** Set when the message could not be read from the server: a connection problem, not the message's fault. */
    public static final String FETCH_FAILED = "mailbridge.fetchFailed";

    private ExchangeKeys() {
    }
}
