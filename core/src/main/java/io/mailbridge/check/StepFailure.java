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

    /**
     * The exception and its causes as one line, e.g. {@code SocketTimeoutException: Connect timed out}; a cause
     * whose message the line already holds (the JDK often repeats it outward) is left out.
     */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            if (text.length() > 0 && message != null && text.indexOf(message) >= 0) {
                continue;
            }
            text.append(text.length() > 0 ? "; caused by " : "").append(cause.getClass().getSimpleName())
                    .append(message == null ? "" : ": " + message);
        }
        return text.toString();
    }
}
