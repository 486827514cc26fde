package io.mailbridge.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mailbridge.status.AccountStatus;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** What {@link AccountStatus} logs while open, DEBUG included: the accounts' state changes and each failed poll. */
final class StatusLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AccountStatus.class);
    private final Level levelBefore = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    StatusLog() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** When each failed poll of the account was logged, oldest first. */
    List<Instant> failedPolls(String account) {
        return events(event -> event.getLevel() == Level.DEBUG
                && event.getFormattedMessage().matches("account '" + account + "': \\d+ failed polls? in a row.*"))
                .stream().map(ILoggingEvent::getInstant).toList();
    }

    /** The account's WARN lines. */
    List<String> warnings(String account) {
        return events(event -> event.getLevel() == Level.WARN
                && event.getFormattedMessage().startsWith("account '" + account + "' "))
                .stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<ILoggingEvent> events(Predicate<ILoggingEvent> wanted) {
        synchronized (appender) {
            return appender.list.stream().filter(wanted).toList();
        }
    }

    @Override
    public void close() {
        logger.setLevel(levelBefore);
        logger.detachAppender(appender);
        appender.stop();
    }
}
