package io.mailbridge.check;

/** The steps of an account check, in the order a connection goes through them. */
enum Step {
    DNS("dns", "DNS lookup"),
    TCP("tcp", "TCP connect"),
    TLS("tls", "TLS handshake"),
    GREETING("greeting", "IMAP greeting"),
    CAPABILITIES("capabilities", "capabilities"),
    TOKEN("token", "access token"),
    LOGIN("login", "login"),
    SELECT("select", "select mailbox"),
    COUNT("count", "count messages"),
    ON_SUCCESS("onSuccess", "onSuccess action");

    private final String id;
    private final String label;

    Step(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name in the JSON document. */
    String id() {
        return id;
    }

    /** The name in the table for people. */
    String label() {
        return label;
    }
}
