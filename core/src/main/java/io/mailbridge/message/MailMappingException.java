package io.mailbridge.message;

/** A message that cannot be mapped to a {@link MailMessage}; the message is the reason it is quarantined. */
public final class MailMappingException extends Exception {

    public MailMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
