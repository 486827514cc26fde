package io.mailbridge.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.List;

/** The check's JSON document for machines: {@code {"ok": ..., "accounts": [...]}}. */
final class CheckJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The whole document; {@code ok} only when every account passed. */
    record Document(boolean ok, List<AccountResult> accounts) {
    }

    private CheckJson() {
    }

    static void print(List<AccountResult> results, PrintStream out) {
        try {
            out.println(JSON.writeValueAsString(new Document(results.stream().allMatch(AccountResult::ok), results)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the check results as JSON", e);
        }
    }
}
