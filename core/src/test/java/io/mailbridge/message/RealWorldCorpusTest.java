package io.mailbridge.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RealWorldCorpusTest {

    @TempDir
    Path attachments;

    static List<Path> messages() throws IOException {
        return RealWorldCorpus.messages();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void maps_every_real_world_message_without_an_exception_or_error(Path file) {
        assertThatCode(() -> RealWorldCorpus.map(file, new AttachmentStore(attachments))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void describes_every_real_world_attachment_by_base_type_and_stored_hash(Path file) throws Exception {
        AttachmentStore store = new AttachmentStore(attachments);
        MailMessage message = RealWorldCorpus.map(file, store);

        assertThat(message.attachments()).allSatisfy(attachment -> {
            assertThat(attachment.contentType()).matches("[a-z0-9!#$&.+^_-]+/[a-z0-9!#$&.+^_-]+");
            assertThat(store.path(attachment.sha256())).isRegularFile().hasSize(attachment.size());
        });
    }

    @Test
    void finds_all_104_messages_of_the_corpus() throws IOException {
        assertThat(RealWorldCorpus.messages()).hasSize(104);
    }
}
