package io.mailbridge.check;

/** A check step failed: {@code explanation} tells a person what to do, {@code detail} keeps the technical reason. */
final class StepFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String detail;

    StepFailure(String explanation, String detail) {
        super(explanation);
        this.detail = detail;
    }

    StepFailure(String explanation, Throwable cause) {
        super(explanation, cause);
        this.detail = describe(cause);
    }

    String explanation() {
        return getMessage();
    }

    String detail() {
        return detail;
    }

    /** The exception and its causes as one line, e.g. {@code SSLHandshakeException: ...; caused by ...}. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (text.length() > 0) {
                text.append("; caused by ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(cause.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }
}
