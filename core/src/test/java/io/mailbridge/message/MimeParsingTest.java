package io.mailbridge.message;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MimeParsingTest {

    @Test
    void parses_a_message_held_in_memory() throws Exception {
        byte[] raw = "Subject: Hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        MimeMessage message = MimeParsing.parse(MimeParsing.session(), raw);

        assertThat(message.getSubject()).isEqualTo("Hello");
        assertThat(message.getRawInputStream().readAllBytes()).isEqualTo("body\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void names_angus_stream_provider_so_jakarta_mail_looks_it_up_without_the_service_loader() {
        MimeParsing.session();

        assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }
}
