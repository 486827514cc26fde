package io.mailbridge.check;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Moves console logging from standard output to standard error while the check runs, so that standard output
 * holds the report alone and {@code check --json | jq} works. Puts it back when closed.
 */
final class LogsToStandardError implements AutoCloseable {

    private static final String STDOUT = "System.out";
    private static final String STDERR = "System.err";

    private final List<ConsoleAppender<ILoggingEvent>> moved = new ArrayList<>();

    LogsToStandardError() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (Logger logger : context.getLoggerList()) {
                for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                    if (it.next() instanceof ConsoleAppender<ILoggingEvent> console
                            && STDOUT.equals(console.getTarget()) && !moved.contains(console)) {
                        retarget(console, STDERR);
                        moved.add(console);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        moved.forEach(console -> retarget(console, STDOUT));
    }

    private static void retarget(ConsoleAppender<ILoggingEvent> console, String target) {
        console.stop();
        console.setTarget(target);
        console.start();
    }
}
