package io.mailbridge.tracking;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.message.MailMessage;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.PersonsMailClient;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.TestMail;
import io.mailbridge.status.AccountStatuses;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail is tracked by UID, not by the {@code \Seen} flag a person's mail client sets; {@code start} and {@code since}. */
class StartPolicyTest {

    private static final String SUPPORT = "support@example.com";
    private static final String SALES = "sales@example.com";
    private static final String PASSWORD = "secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private PersonsMailClient person;
    private final Downstream downstream = new Downstream();

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(SUPPORT, PASSWORD);
        server.addUser(SALES, PASSWORD);
        person = new PersonsMailClient(server, SUPPORT, PASSWORD);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void mail_a_person_read_before_the_poll_is_still_processed() throws Exception {
        try (RunningMailbridge app = start(account("support", SUPPORT, "start", "new"))) {
            long first = server.deliver(SUPPORT, TestMail.message("First after the start"));
            await().atMost(WAIT).until(() -> downstream.uids().contains(first));

            app.camel().getRouteController().stopRoute("mail-support");
            long read = server.deliver(SUPPORT, TestMail.message("Opened in Gmail at once"));
            person.read("INBOX", read);
            app.camel().getRouteController().startRoute("mail-support");

            await().atMost(WAIT).until(() -> downstream.uids().contains(read));
            assertThat(downstream.seenBeforeProcessing()).as("read by the person before mailbridge got to it")
                    .contains(read);
        }
    }

    @Test
    void by_default_the_mail_already_there_at_the_first_start_is_left_alone() throws Exception {
        long unseen = server.deliver(SUPPORT, TestMail.message("Old, unseen"));
        long read = server.deliver(SUPPORT, TestMail.message("Old, read"));
        person.read("INBOX", read);

        try (RunningMailbridge app = start(account("support", SUPPORT, "start", null))) {
            long arrived = server.deliver(SUPPORT, TestMail.message("Arrived after the start"));
            await().atMost(WAIT).until(() -> downstream.uids().contains(arrived));

            assertThat(downstream.uids()).containsExactly(arrived);
            assertThat(server.isSeen(SUPPORT, "INBOX", unseen)).as("an old message stays as it was").isFalse();
        }
    }

    @Test
    void start_unseen_takes_the_unseen_mail_already_there_then_everything_that_arrives() throws Exception {
        long unseen = server.deliver(SUPPORT, TestMail.message("Old, unseen"));
        long read = server.deliver(SUPPORT, TestMail.message("Old, read"));
        person.read("INBOX", read);

        try (RunningMailbridge app = start(account("support", SUPPORT, "start", "unseen"))) {
            await().atMost(WAIT).until(() -> downstream.uids().contains(unseen));
            long arrived = server.deliver(SUPPORT, TestMail.message("New, read at once"));
            person.read("INBOX", arrived);
            await().atMost(WAIT).until(() -> downstream.uids().contains(arrived));

            assertThat(downstream.uids()).containsExactly(unseen, arrived);
        }
    }

    @Test
    void start_all_takes_every_message_already_there() throws Exception {
        long unseen = server.deliver(SUPPORT, TestMail.message("Old, unseen"));
        long read = server.deliver(SUPPORT, TestMail.message("Old, read"));
        person.read("INBOX", read);

        try (RunningMailbridge app = start(account("support", SUPPORT, "start", "all"))) {
            await().atMost(WAIT).until(() -> downstream.uids().size() == 2);

            assertThat(downstream.uids()).containsExactly(unseen, read);
        }
    }

    @Test
    void since_takes_only_the_mail_received_from_that_day_on() throws Exception {
        long supportOld = server.deliver(SUPPORT, TestMail.message("Received today"));
        long salesOld = server.deliver(SALES, TestMail.message("Received today"));
        String today = LocalDate.now().toString();
        String tomorrow = LocalDate.now().plusDays(1).toString();

        try (RunningMailbridge app = start(account("support", SUPPORT, "start", null, "since", today)
                .account("sales", SALES, "{{test.password}}", "start", "unseen", "since", tomorrow,
                        "to", Downstream.ENDPOINT))) {
            await().atMost(WAIT).until(() -> downstream.messages().stream()
                    .anyMatch(message -> message.account().equals("support") && message.uid() == supportOld));
            long salesNew = server.deliver(SALES, TestMail.message("Arrived after the start"));
            await().atMost(WAIT).until(() -> downstream.messages().stream()
                    .anyMatch(message -> message.account().equals("sales") && message.uid() == salesNew));

            assertThat(downstream.messages()).noneMatch(message -> message.account().equals("sales")
                    && message.uid() == salesOld);
        }
    }

    @Test
    void a_restart_resumes_where_the_last_run_stopped() throws Exception {
        AccountsFile accounts = account("support", SUPPORT, "start", "new");
        long before;
        try (RunningMailbridge app = start(accounts)) {
            before = server.deliver(SUPPORT, TestMail.message("While running"));
            await().atMost(WAIT).until(() -> downstream.uids().contains(before));
        }
        long whileStopped = server.deliver(SUPPORT, TestMail.message("While stopped"));
        long readWhileStopped = server.deliver(SUPPORT, TestMail.message("While stopped, read"));
        person.read("INBOX", readWhileStopped);

        try (RunningMailbridge app = start(accounts)) {
            await().atMost(WAIT).until(() -> downstream.uids().size() == 3);
        }

        assertThat(downstream.uids()).containsExactly(before, whileStopped, readWhileStopped);
    }

    private AccountsFile account(String name, String login, String... fields) {
        String[] all = new String[fields.length + 2];
        System.arraycopy(fields, 0, all, 0, fields.length);
        all[fields.length] = "to";
        all[fields.length + 1] = Downstream.ENDPOINT;
        return new AccountsFile(server).account(name, login, "{{test.password}}", all);
    }

    /** Starts mailbridge and waits for its first poll of the support account: the moment of its "first start". */
    private RunningMailbridge start(AccountsFile accounts) throws Exception {
        RunningMailbridge app = RunningMailbridge.start(accounts.writeTo(dir), dir,
                Map.of("test.password", PASSWORD, "mailbridge.dataDir", dir.resolve("data").toString()), downstream);
        AccountStatuses statuses = app.camel().getRegistry()
                .lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class);
        await().atMost(WAIT).until(() -> statuses.forAccount("support").lastSuccessfulPoll().isPresent());
        return app;
    }

    /** Records each message it gets and whether the server already showed it seen when it came. */
    private final class Downstream extends RouteBuilder {

        static final String ENDPOINT = "direct:start-policy";

        private final List<MailMessage> messages = new CopyOnWriteArrayList<>();
        private final List<Long> seenBeforeProcessing = new CopyOnWriteArrayList<>();

        @Override
        public void configure() {
            from(ENDPOINT).routeId("start-policy-downstream").process(exchange -> {
                MailMessage message = exchange.getMessage().getBody(MailMessage.class);
                String login = message.account().equals("support") ? SUPPORT : SALES;
                if (server.isSeen(login, "INBOX", message.uid())) {
                    seenBeforeProcessing.add(message.uid());
                }
                messages.add(message);
            });
        }

        List<MailMessage> messages() {
            return messages;
        }

        List<Long> uids() {
            return messages.stream().filter(message -> message.account().equals("support"))
                    .map(MailMessage::uid).toList();
        }

        List<Long> seenBeforeProcessing() {
            return seenBeforeProcessing;
        }
    }
}
