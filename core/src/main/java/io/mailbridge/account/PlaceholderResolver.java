package io.mailbridge.account;

/** Resolves Camel property placeholders such as {@code {{env:NAME}}} in a text; throws when one cannot be resolved. */
@FunctionalInterface
public interface PlaceholderResolver {

    String resolve(String text);

    /** Whether the text holds at least one placeholder. */
    static boolean hasPlaceholder(String text) {
        return text.contains("{{") && text.contains("}}");
    }
}
