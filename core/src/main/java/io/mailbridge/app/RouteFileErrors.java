package io.mailbridge.app;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.nio.file.Path;
import java.util.Optional;

/** Turns a YAML error in a pipeline route file into one paragraph naming the file, line and column. */
final class RouteFileErrors {

    private RouteFileErrors() {
    }

    static ConfigurationException describe(MarkedYamlEngineException e) {
        Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
        String where = at.map(mark -> shown(mark.getName()) + ": line " + (mark.getLine() + 1) + ", column "
                + (mark.getColumn() + 1)).orElse("a route file");
        StringBuilder text = new StringBuilder(where).append(": ").append(firstLine(e.getProblem()));
        e.getContextMark().filter(context -> e.getContext() != null && at.filter(context::equals).isEmpty())
                .ifPresent(context -> text.append(" (").append(firstLine(e.getContext())).append(" that starts at line ")
                        .append(context.getLine() + 1).append(", column ").append(context.getColumn() + 1).append(')'));
        return new ConfigurationException(text.append(". No route was started: fix the file and start again.")
                .toString(), e);
    }

    /** The file as the user named it: relative to the working directory when it lies below it. */
    private static String shown(String name) {
        String path = name.startsWith("file:") ? name.substring("file:".length()) : name;
        Path file = Path.of(path).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
    }

    private static String firstLine(String text) {
        return text == null ? "invalid YAML" : text.lines().findFirst().orElse(text).strip();
    }
}
