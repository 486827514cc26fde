package io.mailbridge.consumer;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.event.ConnectionAdapter;
import jakarta.mail.event.ConnectionEvent;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.apache.camel.component.mail.MailConfiguration;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One account's IMAP IDLE: a second login that examines the account's mailbox and idles in it, watched by the shared
 * {@link IdleWatching}; when the server reports new mail it wakes the consumer, whose poll delivers it. Every
 * {@code idleRenewSeconds} it ends the IDLE, checks the connection with NOOP and idles again. It logs in only after a
 * poll did: first after the consumer's first poll (and every other account's: {@link FirstPollGate}), and after a
 * connection that breaks, once a second later, then after the next poll that logs in, so the polls' backoff
 * (connection and rejected logins) paces it too and a failing server or a wrong password never sees more logins than
 * the polls make.
 */
final class IdleWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(IdleWatcher.class);
    private static final Duration FIRST_RECONNECT = Duration.ofSeconds(1);

    private final Session session;
    private final MailConfiguration configuration;
    private final IdleWatching watching;
    private final FirstPollGate firstPolls;
    private final Duration pollInterval;
    private final Runnable wake;
    private final Runnable reconnected;
    private final Supplier<String> owner;
    private IMAPStore store;
    private IMAPFolder folder;
    private ScheduledFuture<?> next;
    private int failures;
    private boolean stopped;
    private final AtomicBoolean awaitingPoll = new AtomicBoolean();
    private volatile String state = "connecting";

    /**
     * @param wake        asks the consumer for a poll; called on Jakarta Mail's event thread, so it must not block
     * @param reconnected asks for a poll after the watcher logged in again, mail may have come meanwhile
     */
    IdleWatcher(Session session, MailConfiguration configuration, IdleWatching watching, FirstPollGate firstPolls,
                Duration pollInterval, Runnable wake, Runnable reconnected, Supplier<String> owner) {
        this.session = session;
        this.configuration = configuration;
        this.watching = watching;
        this.firstPolls = firstPolls;
        this.pollInterval = pollInterval;
        this.wake = wake;
        this.reconnected = reconnected;
        this.owner = owner;
    }

    synchronized void start() {
        watching.add(this);
        stopped = false;
        state = "waiting for the first poll";
        awaitingPoll.set(true);
    }

    /**
     * A poll has reached the server (logged in, or on its open connection): connects if waiting for that, once no
     * account's first poll is still to come.
     */
    void pollLoggedIn() {
        if (awaitingPoll.compareAndSet(true, false)) {
            firstPolls.afterFirstPolls(() -> execute(this::connect));
        }
    }

    /** Stops watching; the connection is closed on a watcher thread, so a route stops without waiting for it. */
    synchronized void stop() {
        watching.remove(this);
        stopped = true;
        state = "stopped";
        if (next != null) {
            next.cancel(false);
        }
        IMAPStore closing = store;
        folder = null;
        store = null;
        execute(() -> close(closing));
    }

    /** What the watcher does, for the account's health: watching, connecting, reconnecting, or why it does not. */
    String state() {
        return state;
    }

    private synchronized void connect() {
        if (stopped) {
            return;
        }
        state = "connecting";
        try {
            PasswordAuthentication login = configuration.getPasswordAuthentication();
            store = (IMAPStore) session.getStore(configuration.getProtocol());
            store.connect(configuration.getHost(), configuration.getPort(), login.getUserName(), login.getPassword());
            if (!store.hasCapability("IDLE")) {
                state = "off: the server does not offer IDLE; new mail waits for the next poll";
                LOG.info("account route {}: {} has no IMAP IDLE; new mail is found by polling every {} s", owner.get(),
                        configuration.getHost(), pollInterval.toMillis() / 1000.0);
                disconnect();
                return;
            }
            IMAPFolder opened = (IMAPFolder) store.getFolder(configuration.getFolderName());
            opened.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    wake.run();
                }
            });
            opened.addConnectionListener(new ConnectionAdapter() {
                @Override
                public void closed(ConnectionEvent event) {
                    execute(() -> lost(opened, "the server closed the connection"));
                }
            });
            opened.open(Folder.READ_ONLY);
            folder = opened;
            watching.manager().watch(opened);
            boolean again = failures > 0;
            failures = 0;
            state = "watching";
            schedule(this::renew, watching.renewEvery());
            if (again) {
                LOG.info("account route {}: IMAP IDLE watching again", owner.get());
                reconnected.run();
            }
        } catch (MessagingException | RuntimeException e) {
            retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Idles again under a new selector thread: the old one ended this connection's IDLE when it stopped. */
    void watchAgain() {
        execute(this::renew);
    }

    /** Ends the IDLE with a NOOP, which also proves the connection alive and reports new mail, and idles again. */
    private synchronized void renew() {
        if (stopped || folder == null) {
            return;
        }
        try {
            folder.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
            watching.manager().watch(folder);
            schedule(this::renew, watching.renewEvery());
        } catch (MessagingException | RuntimeException e) {
            retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private synchronized void lost(IMAPFolder closed, String why) {
        if (!stopped && closed == folder) {
            retry(why);
        }
    }

    private void retry(String why) {
        disconnect();
        if (stopped) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        if (failures++ == 0 && !(why.startsWith(AuthenticationFailedException.class.getSimpleName()))) {
            state = "reconnecting in " + FIRST_RECONNECT.toMillis() / 1000.0 + " s after " + why;
            LOG.info("account route {}: IMAP IDLE connection lost ({}); polls go on every {} s, reconnecting",
                    owner.get(), why, pollInterval.toMillis() / 1000.0);
            schedule(this::connect, FIRST_RECONNECT);
        } else {
            state = "reconnecting after the next poll that logs in; last failure: " + why;
            LOG.debug("account route {}: IMAP IDLE {}", owner.get(), state);
            awaitingPoll.set(true);
        }
    }

    private void disconnect() {
        IMAPStore closing = store;
        folder = null;
        store = null;
        close(closing);
    }

    private void close(IMAPStore closing) {
        if (closing != null) {
            try {
                closing.close();
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("closing the IMAP IDLE connection of {} failed", owner.get(), e);
            }
        }
    }

    /** Schedules the watcher's next step in place of the one scheduled before. */
    private void schedule(Runnable task, Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = watching.tasks().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the component is stopping: nothing more to watch
        }
    }

    private void execute(Runnable task) {
        try {
            watching.tasks().execute(task);
        } catch (RejectedExecutionException stopping) {
            // the component is stopping, and closes every connection with its threads
        }
    }
}
