package io.mailbridge.account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;


/** Reads typed, placeholder-resolved values from one account's map, collecting a problem for each bad value. */
final class FieldReader {

    private final Map<?, ?> fields;
    private final String label;
    private final PlaceholderResolver placeholders;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    FieldReader(Map<?, ?> fields, String label, PlaceholderResolver placeholders) {
        this.fields = fields;
        this.label = label;
        this.placeholders = placeholders;
    }

    List<String> problems() {
        return problems;
    }

    List<String> warnings() {
        return warnings;
    }

    boolean has(AccountField field) {
        return fields.containsKey(field.key());
    }

    void rejectUnknownKeys() {
        List<String> known = AccountField.keys();
        for (Object key : fields.keySet()) {
            String text = String.valueOf(key);
            if (!known.contains(text)) {
                String hint = DidYouMean.closest(text, known).map(k -> "; did you mean '" + k + "'?").orElse("");
                problems.add(label + ": unknown field '" + text + "'" + hint);
            }
        }
    }

    String requiredText(AccountField field) {
        Object value = fields.get(field.key());
        if (value == null) {
            problem(field, "is required");
            return null;
        }
        String text = text(field, value);
        if (text != null && text.isBlank()) {
            problem(field, "must not be empty");
        }
        return text;
    }

    String optionalText(AccountField field, String defaultValue) {
        Object value = fields.get(field.key());
        return value == null ? defaultValue : text(field, value);
    }

    private String text(AccountField field, Object value) {
        if (value instanceof Map || value instanceof List) {
            problem(field, "must be a single value, was a " + (value instanceof Map ? "map" : "list"));
            return null;
        }
        return resolve(field, String.valueOf(value).trim());
    }

    private String resolve(AccountField field, String text) {
        if (!PlaceholderResolver.hasPlaceholder(text)) {
            return text;
        }
        try {
            return placeholders.resolve(text);
        } catch (RuntimeException e) {
            problem(field, "cannot resolve " + text + ": " + e.getMessage());
            return null;
        }
    }

    Secret secret(AccountField field, boolean required) {
        Object value = fields.get(field.key());
        if (value == null) {
            if (required) {
                problem(field, "is required (write it as a placeholder such as \"{{env:SUPPORT_APP_PASSWORD}}\")");
            }
            return null;
        }
        String written = String.valueOf(value);
        if (!PlaceholderResolver.hasPlaceholder(written)) {
            if (written.isEmpty()) {
                problem(field, "must not be empty");
                return null;
            }
            warn(field.key() + " is written in the file as a literal;"
                    + " use a placeholder such as {{env:NAME}} so the secret stays out of the file");
            return Secret.of(written);
        }
        try {
            if (placeholders.resolve(written).isEmpty()) {
                problem(field, written + " resolves to an empty value");
                return null;
            }
        } catch (RuntimeException e) {
            problem(field, "cannot resolve " + written + ": " + e.getMessage());
            return null;
        }
        return Secret.of(written);
    }

    boolean bool(AccountField field, boolean defaultValue) {
        Object value = fields.get(field.key());
        if (value == null) {
            return defaultValue;
        }
        String text = value instanceof Boolean ? value.toString() : resolve(field, String.valueOf(value).trim());
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        if (text != null) {
            problem(field, "must be true or false, was '" + text + "'");
        }
        return defaultValue;
    }

    int wholeNumber(AccountField field, int defaultValue, int min, int max, String rule) {
        return number(field, defaultValue, rule, text -> {
            int number = Integer.parseInt(text);
            return number >= min && number <= max ? number : null;
        });
    }

    Duration seconds(AccountField field, Duration defaultValue) {
        return number(field, defaultValue, "must be a positive number of seconds (at most 86400)", text -> {
            double seconds = Double.parseDouble(text);
            return seconds > 0 && seconds <= 86_400 ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
        });
    }

    /** A value parsed by {@code parse}, which returns null or throws NumberFormatException when out of rule. */
    private <T> T number(AccountField field, T defaultValue, String rule, Function<String, T> parse) {
        Object value = fields.get(field.key());
        String text = value == null ? null : resolve(field, String.valueOf(value).trim());
        if (text == null) {
            return defaultValue;
        }
        try {
            T number = parse.apply(text);
            if (number != null) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        problem(field, rule + ", was " + shown(value, text));
        return defaultValue;
    }

    String mailboxName(AccountField field, String defaultValue) {
        String name = optionalText(field, defaultValue);
        if (name != null && (name.isBlank() || name.contains("%") || name.contains("*"))) {
            problem(field, "must be a mailbox name without the IMAP wildcards '%' and '*', was '" + name + "'");
        }
        return name;
    }

    String endpoint(AccountField field, String defaultValue) {
        String uri = optionalText(field, defaultValue);
        if (uri != null && !uri.matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
            problem(field, "must be a Camel endpoint URI such as " + defaultValue + ", was '" + uri + "'");
        }
        return uri;
    }

    Optional<Path> trustStore(AccountField field) {
        String text = optionalText(field, null);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(text);
        if (!Files.isReadable(path)) {
            problem(field, "file " + path.toAbsolutePath().normalize() + " does not exist or cannot be read");
            return Optional.empty();
        }
        return Optional.of(path);
    }

    /** The {@code start:} and {@code since:} fields; {@code since} alone means every message since that day. */
    StartPolicy startPolicy(AccountField startField, AccountField sinceField) {
        String start = optionalText(startField, null);
        String since = optionalText(sinceField, null);
        Optional<StartPolicy.Start> chosen = start == null ? Optional.empty() : StartPolicy.Start.of(start);
        if (start != null && chosen.isEmpty()) {
            String hint = DidYouMean.closest(start, StartPolicy.Start.keys()).map(k -> "; did you mean '" + k + "'?")
                    .orElse("");
            problem(startField, "must be one of " + String.join(", ", StartPolicy.Start.keys()) + ", was '" + start
                    + "'" + hint);
        }
        Optional<LocalDate> day = Optional.empty();
        if (since != null) {
            try {
                day = Optional.of(LocalDate.parse(since));
            } catch (DateTimeParseException e) {
                problem(sinceField, "must be a date written as YYYY-MM-DD, was '" + since + "'");
            }
        }
        StartPolicy.Start effective = chosen.orElse(day.isPresent() ? StartPolicy.Start.ALL : StartPolicy.Start.NEW);
        if (effective == StartPolicy.Start.NEW && day.isPresent()) {
            problem(sinceField, "takes earlier mail, which start: new never does; use start: all (every message"
                    + " since that day) or start: unseen (the unseen ones), or remove since");
            return StartPolicy.DEFAULT;
        }
        return new StartPolicy(effective, day);
    }

    /** The {@code idle:} field: {@code auto} (the default) or {@code off}. */
    IdleMode idleMode(AccountField field) {
        String text = optionalText(field, null);
        if (text == null) {
            return IdleMode.DEFAULT;
        }
        Optional<IdleMode> mode = IdleMode.of(text);
        if (mode.isEmpty()) {
            String hint = DidYouMean.closest(text, IdleMode.keys()).map(k -> "; did you mean '" + k + "'?").orElse("");
            problem(field, "must be one of " + String.join(", ", IdleMode.keys()) + ", was '" + text + "'" + hint);
        }
        return mode.orElse(IdleMode.DEFAULT);
    }

    private static String shown(Object raw, String text) {
        return raw instanceof String ? "'" + text + "'" : text;
    }

    void problem(AccountField field, String message) {
        problems.add(label + ": " + field.key() + " " + message);
    }

    /** The value as written (placeholders unresolved), or null. */
    Object raw(AccountField field) {
        return fields.get(field.key());
    }

    /** A problem with a key inside a field's map, such as {@code filter.from}. */
    void problem(AccountField field, String key, String message) {
        problems.add(label + ": " + field.key() + "." + key + " " + message);
    }

    /** Resolves the placeholders of a value found inside a field's map; null (and a problem) if one cannot be. */
    String resolved(AccountField field, String text) {
        return resolve(field, text);
    }

    void warn(String message) {
        warnings.add(label + ": " + message);
    }
}
