package io.mailbridge.ownership;

/** Thrown when this node acts on an account it no longer owns: another node took its bucket since. */
public final class NotOwnerException extends RuntimeException {

    public NotOwnerException(String message) {
        super(message);
    }
}
