package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.mailbridge.message.MailFixtures.SOURCE;
import static io.mailbridge.message.MailFixtures.parse;
import static io.mailbridge.message.MailFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;

class BrokenMimeStructureTest {

    private static final String HEADERS = "From: alice@example.org\r\nSubject: Structure\r\nMIME-Version: 1.0\r\n";

    @TempDir
    Path directory;

    private MailMessage map(String raw) throws Exception {
        return new MailMessageMapper(new AttachmentStore(directory)).map(SOURCE, parse(raw));
    }

    /** A multipart/mixed holding a text part and then {@code depth - 1} multiparts nested in each other. */
    private static String nested(int depth) {
        String inner = "Content-Type: text/plain\r\n\r\ninnermost\r\n";
        for (int level = depth - 1; level >= 1; level--) {
            inner = "Content-Type: multipart/mixed; boundary=\"b" + level + "\"\r\n\r\n--b" + level + "\r\n"
                    + inner + "--b" + level + "--\r\n";
        }
        return HEADERS + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
                + "--b0\r\nContent-Type: text/plain\r\n\r\nouter text\r\n--b0\r\n" + inner + "--b0--\r\n";
    }

    @Test
    void maps_500_nested_multiparts_without_overflowing_the_stack() throws Exception {
        MailMessage message = map(nested(500));

        assertThat(message.text()).isEqualTo("outer text");
        assertThat(message.attachments()).singleElement().satisfies(opaque -> {
            assertThat(opaque.contentType()).isEqualTo("multipart/mixed");
            assertThat(opaque.fileName()).isNull();
        });
    }

    @Test
    void keeps_structure_below_the_depth_cap_as_one_opaque_attachment() throws Exception {
        AttachmentStore store = new AttachmentStore(directory);
        MailMessage message = new MailMessageMapper(store).map(SOURCE, parse(nested(500)));

        String opaque = new String(stored(store, message.attachments().get(0).sha256()), StandardCharsets.US_ASCII);
        assertThat(opaque).startsWith("--b" + MimeParts.MAX_DEPTH + "\r\n").contains("innermost");
    }

    @Test
    void walks_structure_nested_up_to_the_depth_cap() throws Exception {
        MailMessage message = map(nested(MimeParts.MAX_DEPTH));

        assertThat(message.attachments()).isEmpty();
        assertThat(message.text()).isEqualTo("outer text");
    }

    @Test
    void maps_an_empty_multipart_to_a_message_without_bodies() throws Exception {
        MailMessage message = map(HEADERS + "Content-Type: multipart/mixed; boundary=\"empty\"\r\n\r\n");

        assertThat(message.text()).isNull();
        assertThat(message.html()).isNull();
        assertThat(message.attachments()).isEmpty();
    }

    @Test
    void finds_the_parts_of_a_multipart_without_boundary_parameter() throws Exception {
        MailMessage message = map(HEADERS + "Content-Type: multipart/alternative\r\n\r\n"
                + "--guessed\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
                + "--guessed\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--guessed--\r\n");

        assertThat(message.text()).isEqualTo("plain");
        assertThat(message.html()).isEqualTo("<p>html</p>");
    }

    @Test
    void keeps_the_last_part_of_a_multipart_whose_end_boundary_never_comes() throws Exception {
        MailMessage message = map(HEADERS + "Content-Type: multipart/mixed; boundary=\"open\"\r\n\r\n"
                + "--open\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
                + "--open\r\nContent-Type: application/pdf; name=\"cut.pdf\"\r\n\r\n%PDF-1.4 cut off");

        assertThat(message.text()).isEqualTo("body");
        assertThat(message.attachments()).singleElement().satisfies(cut -> {
            assertThat(cut.fileName()).isEqualTo("cut.pdf");
            assertThat(cut.size()).isEqualTo("%PDF-1.4 cut off".length());
        });
    }

    @Test
    void keeps_a_multipart_without_any_boundary_line_as_an_opaque_attachment() throws Exception {
        MailMessage message = map(HEADERS + "Content-Type: multipart/mixed; boundary=\"missing\"\r\n\r\nJust text.\r\n");

        assertThat(message.text()).isNull();
        assertThat(message.attachments()).singleElement()
                .extracting(MailAttachment::contentType, MailAttachment::size)
                .containsExactly("multipart/mixed", (long) "Just text.\r\n".length());
    }
}
