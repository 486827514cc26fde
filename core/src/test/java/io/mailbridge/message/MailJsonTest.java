package io.mailbridge.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.mailbridge.message.MailFixtures.SOURCE;
import static io.mailbridge.message.MailFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

class MailJsonTest {

    private final ObjectMapper json = MailJson.objectMapper();

    @TempDir
    Path attachments;

    private JsonNode mapped(String fixture) throws Exception {
        MailMessage message = new MailMessageMapper(new AttachmentStore(attachments)).map(SOURCE, resource(fixture));
        return json.readTree(json.writeValueAsString(message));
    }

    @Test
    void serialises_a_mapped_message_as_the_expected_json() throws Exception {
        try (InputStream expected = getClass().getResourceAsStream("/mail/mixed-with-attachments.json")) {
            assertThat(mapped("mixed-with-attachments.eml")).isEqualTo(json.readTree(expected));
        }
    }

    @Test
    void writes_fields_in_the_order_of_the_record_components() throws Exception {
        JsonNode message = mapped("mixed-with-attachments.eml");

        assertThat(fieldNames(message)).containsExactlyElementsOf(componentNames(MailMessage.class));
        assertThat(fieldNames(message.get("from"))).containsExactlyElementsOf(componentNames(MailAddress.class));
        assertThat(fieldNames(message.get("attachments").get(0)))
                .containsExactlyElementsOf(componentNames(MailAttachment.class));
    }

    @Test
    void writes_instants_as_iso_8601_utc_strings() throws Exception {
        assertThat(json.writeValueAsString(Instant.parse("2026-11-27T10:15:30Z"))).isEqualTo("\"2026-11-27T10:15:30Z\"");
    }

    @Test
    void includes_null_fields() throws Exception {
        JsonNode message = mapped("missing-headers.eml");

        assertThat(message.has("subject")).isTrue();
        assertThat(message.get("subject").isNull()).isTrue();
        assertThat(message.get("html").isNull()).isTrue();
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }

    private static List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
