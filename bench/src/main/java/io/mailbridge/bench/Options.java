package io.mailbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options (a bare {@code --flag} is {@code true}), as strings by name. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option --name, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(name, hasValue ? args[++i] : "true");
        }
        return new Options(values);
    }

    String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name) {
        return Integer.parseInt(get(name));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    Path path(String name) {
        return Path.of(get(name));
    }

    /** The options as arguments again, e.g. to pass them on to a child JVM. */
    static List<String> toArgs(Map<String, ?> options) {
        List<String> args = new ArrayList<>();
        options.forEach((name, value) -> {
            args.add("--" + name);
            args.add(String.valueOf(value));
        });
        return args;
    }
}
