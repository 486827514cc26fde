package io.mailbridge.support;

import java.nio.charset.StandardCharsets;

/** Small raw messages for tests that need mail but do not care about its shape. */
public final class TestMail {

    private TestMail() {
    }

    /** A plain-text message whose Message-ID is derived from the subject ({@code <printer-on-fire@test.example>}). */
    public static byte[] message(String subject) {
        String id = subject.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return ("""
                From: Alice Example <alice@example.com>\r
                To: support@example.com\r
                Subject: %s\r
                Date: Fri, 27 Nov 2026 10:15:30 +0000\r
                Message-ID: <%s@test.example>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                %s\r
                """).formatted(subject, id, "Body of: " + subject).getBytes(StandardCharsets.UTF_8);
    }
}
