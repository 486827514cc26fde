package io.mailbridge.poison;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.mailbridge.poison.RawMail.bytes;
import static io.mailbridge.poison.RawMail.crlf;
import static io.mailbridge.poison.RawMail.headers;
import static io.mailbridge.poison.RawMail.utf8Bytes;

/** The catalogue of broken mail: one entry per way real mail goes wrong, each built as raw bytes. */
enum BrokenMail {

    NO_FROM(() -> crlf("""
            To: support@example.com
            Subject: Broken: no From
            Date: Fri, 27 Nov 2026 10:15:30 +0000
            Message-ID: <no-from@poison.test>

            Nobody signed this.
            """)),
    NO_DATE(() -> crlf("""
            From: tester@poison.test
            Subject: Broken: no Date
            Message-ID: <no-date@poison.test>

            Timeless.
            """)),
    NO_SUBJECT(() -> crlf("""
            From: tester@poison.test
            Date: Fri, 27 Nov 2026 10:15:30 +0000
            Message-ID: <no-subject@poison.test>

            Untitled.
            """)),
    NO_MESSAGE_ID(() -> crlf("""
            From: tester@poison.test
            Subject: Broken: no Message-ID
            Date: Fri, 27 Nov 2026 10:15:30 +0000

            Anonymous.
            """)),
    HEADERS_ONLY(() -> crlf("""
            From: tester@poison.test
            Subject: Broken: headers only, no blank line, no body
            Message-ID: <headers-only@poison.test>""")),
    NO_HEADERS(() -> crlf("""

            A body without a single header line.
            """)),
    EMPTY(() -> new byte[0]),
    MALFORMED_HEADER_LINES(() -> crlf("""
             a continuation line before any header
            This line has no colon at all
            : a header without a name
            From tester@poison.test
            Subject: Broken: malformed header lines
            Subject: a second Subject
            Message-ID: <malformed-header-lines@poison.test>

            Headers gone wrong.
            """)),
    UNKNOWN_CHARSET(() -> crlf(headers("Broken: unknown charset", "unknown-charset") + """
            Content-Type: text/plain; charset="x-klingon-8"

            Qapla\u00e9, caf\u00e9.
            """)),
    MISLABELLED_CHARSET(() -> crlf(headers("Broken: Latin-1 bytes labelled UTF-8", "mislabelled-charset") + """
            Content-Type: text/plain; charset=utf-8

            Gr\u00fc\u00dfe aus K\u00f6ln.
            """)),
    LATIN1_RAW_HEADERS(() -> crlf("""
            From: J\u00f6rg M\u00fcller <joerg@example.de>
            Subject: Caf\u00e9 cr\u00e8me
            Date: Fri, 27 Nov 2026 10:15:30 +0000
            Message-ID: <latin1-raw-headers@poison.test>
            Content-Type: text/plain; charset=iso-8859-1

            8-bit Latin-1 header bytes.
            """)),
    UTF8_RAW_HEADERS(() -> crlf(utf8Bytes("""
            From: Zoë Ångström <zoe@example.se>
            Subject: Привет, 世界 ✓
            Date: Fri, 27 Nov 2026 10:15:30 +0000
            Message-ID: <utf8-raw-headers@poison.test>
            Content-Type: text/plain

            8-bit UTF-8 header bytes.
            """))),
    ENCODED_WORD_GARBAGE(() -> crlf(headers(
            "=?utf-8?B?!!!not-base64?= and =?x-klingon?Q?Qapla=E9?= and =?utf-8?Q?unterminated", "encoded-words") + """
            Content-Type: text/plain

            Encoded words gone wrong.
            """)),
    MISSING_BOUNDARY_PARAMETER(() -> crlf(headers("Broken: multipart without boundary", "no-boundary") + """
            Content-Type: multipart/alternative

            --guessed
            Content-Type: text/plain

            plain
            --guessed
            Content-Type: text/html

            <p>html</p>
            --guessed--
            """)),
    WRONG_BOUNDARY(() -> crlf(headers("Broken: boundary never used", "wrong-boundary") + """
            Content-Type: multipart/mixed; boundary="declared"

            --actual
            Content-Type: text/plain

            The boundary above is not the one declared.
            --actual--
            """)),
    MISSING_END_BOUNDARY(() -> crlf(headers("Broken: truncated multipart", "truncated") + """
            Content-Type: multipart/mixed; boundary="open"

            --open
            Content-Type: text/plain

            body
            --open
            Content-Type: application/pdf; name="cut.pdf"

            %PDF-1.4 cut off""")),
    EMPTY_MULTIPART(() -> crlf(headers("Broken: empty multipart", "empty-multipart") + """
            Content-Type: multipart/mixed; boundary="empty"

            """)),
    DEEP_NESTING(() -> crlf(headers("Broken: 300 nested multiparts", "deep-nesting") + nested(300))),
    RFC822_INSIDE_ITSELF(() -> crlf(selfContaining())),
    RFC822_NESTED_DEEP(() -> crlf(headers("Broken: 200 nested message/rfc822", "rfc822-deep")
            + "Content-Type: message/rfc822\n\n".repeat(200) + "Subject: innermost\n\ninnermost\n")),
    HUGE_SUBJECT(() -> crlf(headers("Huge " + "S".repeat(1_000_000), "huge-subject") + """
            Content-Type: text/plain

            One megabyte of subject, unfolded.
            """)),
    HUNDRED_THOUSAND_RECIPIENTS(() -> crlf(headers("Broken: 100000 recipients on one line", "many-recipients",
            "Cc: " + recipients(100_000, ", ")) + """
            Content-Type: text/plain

            To everyone.
            """)),
    BAD_BASE64(() -> crlf(headers("Broken: bad base64", "bad-base64") + """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            SGVsbG8g!!d29y*bGQ=x=
            --b
            Content-Type: application/octet-stream; name="bad.bin"
            Content-Transfer-Encoding: base64

            AAECAwQF%%%BgcICQ
            ===
            --b--
            """)),
    BAD_QUOTED_PRINTABLE(() -> crlf(headers("Broken: bad quoted-printable", "bad-qp") + """
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            caf=C3=A9 =ZZ bad escape, =4 truncated, lone = sign,=
            soft break, and an ending =""")),
    GARBAGE_CONTENT_HEADERS(() -> crlf(headers("Broken: garbage content headers", "garbage-content-headers") + """
            Content-Type: ;;;=="unterminated
            Content-Transfer-Encoding: x-martian

            Read as is.
            """)),
    BAD_DATE(() -> crlf("""
            From: tester@poison.test
            Subject: Broken: bad Date
            Date: Someday, 45 Smarch 20XX 25:61:61 +9999
            Message-ID: <bad-date@poison.test>

            When?
            """)),
    DUPLICATE_MESSAGE_ID_FIRST(() -> crlf(headers("Duplicate Message-ID, first", "duplicate") + """
            Content-Type: text/plain

            first of two
            """)),
    DUPLICATE_MESSAGE_ID_SECOND(() -> crlf(headers("Duplicate Message-ID, second", "duplicate") + """
            Content-Type: text/plain

            second of two
            """)),
    NUL_BYTES(() -> crlf(headers("Broken: NUL\u0000bytes", "nul-bytes") + """
            Content-Type: text/plain

            before\u0000\u0000after
            """)),
    GARBAGE(() -> {
        byte[] garbage = new byte[8 * 1024];
        new Random(3).nextBytes(garbage);
        return garbage;
    }),
    LONG_FILE_NAME(() -> crlf(headers("Broken: 2 KB file name", "long-file-name") + """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            See attached.
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="%s.pdf"

            %%PDF-1.4
            --b--
            """.formatted("n".repeat(2044)))),
    BARE_LF(() -> bytes(headers("Broken: bare LF line ends", "bare-lf") + """
            Content-Type: text/plain

            Unix line ends
            all the way.
            """));

    private final Supplier<byte[]> raw;

    BrokenMail(Supplier<byte[]> raw) {
        this.raw = raw;
    }

    byte[] raw() {
        return raw.get();
    }

    /** {@code count} addresses joined by {@code separator}; {@code ",\n "} under {@link RawMail#crlf} folds them. */
    static String recipients(int count, String separator) {
        return IntStream.range(0, count).mapToObj(i -> "rcpt" + i + "@example.com")
                .collect(Collectors.joining(separator));
    }

    /** A multipart/mixed holding a text part and then {@code depth - 1} multiparts nested in each other. */
    private static String nested(int depth) {
        String inner = "Content-Type: text/plain\n\ninnermost\n";
        for (int level = depth - 1; level >= 1; level--) {
            inner = "Content-Type: multipart/mixed; boundary=\"b" + level + "\"\n\n--b" + level + "\n"
                    + inner + "--b" + level + "--\n";
        }
        return "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
                + "--b0\nContent-Type: text/plain\n\nouter text\n--b0\n" + inner + "--b0--\n";
    }

    /** A message whose message/rfc822 part is the message itself, same boundary and all, so boundaries collide. */
    private static String selfContaining() {
        String self = headers("Broken: message/rfc822 inside itself", "self") + """
                Content-Type: multipart/mixed; boundary="self"

                --self
                Content-Type: text/plain

                I contain myself.
                --self
                Content-Type: message/rfc822

                """;
        return self + self + "--self--\n--self--\n";
    }
}
