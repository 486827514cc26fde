package io.mailbridge.poison;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.message.AttachmentStore;
import io.mailbridge.message.MailMessage;
import io.mailbridge.poison.Collector.Attempt;
import io.mailbridge.poison.DeadLetters.DeadLetter;
import io.mailbridge.poison.PoisonMailbox.Category;
import io.mailbridge.poison.PoisonMailbox.Stored;
import io.mailbridge.poison.PoisonReport.Outcome;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The poison corpus of issue 3: a few hundred good, broken and real-world messages run once through a real
 * mailbridge against real IMAPS mailboxes; each test checks one behaviour of the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonMailboxTest {

    private static final Path CORPUS = Path.of("..", "shared", "corpus", "real-world-mime");
    private static final List<String> ACCOUNTS = List.of("poison-a", "poison-b", "poison-c");
    private static final String QUARANTINE = "mailbridge-quarantine";
    private static final int MAX_ATTEMPTS = 2;
    private static final int GOOD_MESSAGES = 45;

    @TempDir
    Path dir;

    private LoopbackMailServer server;
    private final Collector collector = new Collector();
    private List<Stored> mailbox;
    private List<Outcome> outcomes;

    @BeforeAll
    void run_the_poison_mailbox_through_mailbridge() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "real-world MIME corpus not found at " + CORPUS.toAbsolutePath());
        server = LoopbackMailServer.start();
        AccountsFile accounts = new AccountsFile(server);
        Map<String, String> properties = new HashMap<>(Map.of("mailbridge.dataDir", dir.toString()));
        for (String account : ACCOUNTS) {
            server.addUser(PoisonMailbox.login(account), "secret-" + account);
            properties.put("test." + account, "secret-" + account);
            accounts.account(account, PoisonMailbox.login(account), "{{test." + account + "}}",
                    "pollInterval", "0.2", "maxMessagesPerPoll", "50", "maxAttempts", String.valueOf(MAX_ATTEMPTS),
                    "to", Collector.ENDPOINT);
        }
        long start = System.nanoTime();
        mailbox = PoisonMailbox.deliver(server, ACCOUNTS, PoisonMailbox.letters(CORPUS, GOOD_MESSAGES));
        long delivered = System.nanoTime();
        try (RunningMailbridge app = RunningMailbridge.start(accounts.writeTo(dir), dir, properties, collector)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(this::settled);
        } finally {
            outcomes = PoisonReport.outcomes(mailbox, collector, dir);
            System.out.printf("%nPoison mailbox: %d messages in %d accounts%n%s", mailbox.size(), ACCOUNTS.size(),
                    PoisonReport.table(outcomes));
            System.out.printf("Timing: %d ms to fill the mailboxes, %d ms for mailbridge to settle them%n%n",
                    (delivered - start) / 1_000_000, (System.nanoTime() - delivered) / 1_000_000);
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Every message delivered downstream or dead-lettered, and the mail consumer done moving and flagging. */
    private boolean settled() {
        for (String account : ACCOUNTS) {
            int delivered = collector.delivered(account).size();
            int quarantined = DeadLetters.read(dir, account).size();
            if (delivered + quarantined != stored(account).size()
                    || server.unseenCount(PoisonMailbox.login(account), "INBOX") != 0
                    || server.messageCount(PoisonMailbox.login(account), "INBOX") != delivered
                    || quarantineCount(account) != quarantined) {
                return false;
            }
        }
        return true;
    }

    @Test
    void every_message_ends_up_either_delivered_and_seen_or_quarantined() {
        assertThat(mailbox).hasSizeGreaterThanOrEqualTo(100 + 104);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.state())
                .as(outcome.stored().letter().kind()).isIn("delivered", "quarantined"));
        for (String account : ACCOUNTS) {
            String login = PoisonMailbox.login(account);
            Map<Long, MailMessage> delivered = collector.delivered(account);
            Map<Long, DeadLetter> quarantined = DeadLetters.read(dir, account);
            assertThat(delivered.size() + quarantined.size()).as(account).isEqualTo(stored(account).size());
            assertThat(delivered.keySet()).allSatisfy(uid -> assertThat(server.isSeen(login, "INBOX", uid)).isTrue());
            assertThat(server.unseenCount(login, "INBOX")).as(account + " unseen").isZero();
            assertThat(server.messageCount(login, "INBOX")).as(account + " INBOX").isEqualTo(delivered.size());
            assertThat(quarantineCount(account)).as(account + " quarantine").isEqualTo(quarantined.size());
            assertThat(quarantined.values()).allSatisfy(deadLetter -> {
                assertThat(deadLetter.reason()).isNotBlank();
                assertThat(deadLetter.eml()).isNotEmptyFile();
            });
        }
    }

    @Test
    void all_good_and_real_world_mail_is_delivered() {
        assertThat(outcomes).filteredOn(outcome -> outcome.stored().letter().category() != Category.BROKEN
                        && outcome.stored().letter().category() != Category.REJECTED_DOWNSTREAM)
                .hasSize(GOOD_MESSAGES + 104)
                .allSatisfy(outcome -> assertThat(outcome.state()).as(outcome.stored().letter().kind())
                        .isEqualTo("delivered"));
    }

    @Test
    void every_kind_of_broken_mail_is_delivered_and_none_is_quarantined() {
        assertThat(outcomes).filteredOn(outcome -> outcome.stored().letter().category() == Category.BROKEN)
                .hasSize(BrokenMail.values().length)
                .allSatisfy(outcome -> assertThat(outcome.state()).as(outcome.stored().letter().kind())
                        .isEqualTo("delivered"));
    }

    @Test
    void a_message_the_downstream_rejects_is_quarantined_after_exactly_max_attempts_with_its_reason() throws Exception {
        Stored rejected = kind(Collector.REJECTED);
        DeadLetter deadLetter = DeadLetters.read(dir, rejected.account()).get(rejected.uid());

        assertThat(deadLetter).isNotNull();
        assertThat(deadLetter.reason()).contains(Collector.REJECTION);
        assertThat(deadLetter.attempts()).isEqualTo(String.valueOf(MAX_ATTEMPTS));
        assertThat(Files.readString(deadLetter.eml(), StandardCharsets.ISO_8859_1))
                .contains("Subject: " + Collector.REJECTED);
        assertThat(attemptsOf(rejected)).isEqualTo(MAX_ATTEMPTS);
        assertThat(outcomes).filteredOn(outcome -> outcome.quarantined() != null)
                .extracting(outcome -> outcome.stored().letter().kind()).containsExactly(Collector.REJECTED);
    }

    @Test
    void the_other_messages_flow_while_the_rejected_one_waits_and_each_is_delivered_once() {
        Stored rejected = kind(Collector.REJECTED);
        List<Attempt> attempts = collector.attempts();
        int first = attempts.indexOf(new Attempt(rejected.account(), rejected.uid(), false));
        int last = attempts.lastIndexOf(new Attempt(rejected.account(), rejected.uid(), false));

        assertThat(attempts.subList(first, last)).filteredOn(attempt -> attempt.account().equals(rejected.account())
                && attempt.delivered()).isNotEmpty();
        assertThat(attempts).filteredOn(Attempt::delivered).doesNotHaveDuplicates()
                .hasSize(mailbox.size() - 1);
    }

    @Test
    void both_messages_sharing_a_message_id_are_delivered_under_their_own_uids() {
        MailMessage first = delivered(BrokenMail.DUPLICATE_MESSAGE_ID_FIRST);
        MailMessage second = delivered(BrokenMail.DUPLICATE_MESSAGE_ID_SECOND);

        assertThat(first.messageId()).isEqualTo(second.messageId()).isEqualTo("<duplicate@poison.test>");
        assertThat(List.of(first.account() + "/" + first.uid(), second.account() + "/" + second.uid()))
                .doesNotHaveDuplicates();
        assertThat(first.text()).isEqualTo("first of two");
        assertThat(second.text()).isEqualTo("second of two");
    }

    @Test
    void missing_or_unreadable_headers_become_null_fields() {
        assertThat(delivered(BrokenMail.NO_FROM).from()).isNull();
        assertThat(delivered(BrokenMail.NO_DATE).date()).isNull();
        assertThat(delivered(BrokenMail.NO_SUBJECT).subject()).isNull();
        assertThat(delivered(BrokenMail.NO_MESSAGE_ID).messageId()).isNull();
        assertThat(delivered(BrokenMail.BAD_DATE).date()).isNull();
        assertThat(delivered(BrokenMail.BAD_DATE).subject()).isEqualTo("Broken: bad Date");
        assertThat(delivered(BrokenMail.EMPTY)).extracting(MailMessage::subject, MailMessage::text)
                .containsOnlyNulls();
    }

    @Test
    void raw_8bit_headers_and_mislabelled_charsets_are_decoded() {
        MailMessage latin1 = delivered(BrokenMail.LATIN1_RAW_HEADERS);
        MailMessage utf8 = delivered(BrokenMail.UTF8_RAW_HEADERS);

        assertThat(latin1.subject()).isEqualTo("Café crème");
        assertThat(latin1.from().name()).isEqualTo("Jörg Müller");
        assertThat(utf8.subject()).isEqualTo("Привет, 世界 ✓");
        assertThat(utf8.from().name()).isEqualTo("Zoë Ångström");
        assertThat(delivered(BrokenMail.MISLABELLED_CHARSET).text()).isEqualTo("Grüße aus Köln.");
        assertThat(delivered(BrokenMail.UNKNOWN_CHARSET).text()).isEqualTo("Qapla\u00e9, caf\u00e9.");
        assertThat(delivered(BrokenMail.BARE_LF).text()).isEqualTo("Unix line ends\nall the way.");
    }

    @Test
    void huge_headers_and_file_names_arrive_whole() {
        assertThat(delivered(BrokenMail.HUGE_SUBJECT).subject()).hasSize("Huge ".length() + 1_000_000);
        assertThat(delivered(BrokenMail.HUNDRED_THOUSAND_RECIPIENTS).cc()).hasSize(100_000);
        assertThat(delivered(BrokenMail.LONG_FILE_NAME).attachments()).singleElement()
                .satisfies(attachment -> assertThat(attachment.fileName()).hasSize(2048).endsWith(".pdf"));
    }

    @Test
    void deep_nesting_is_delivered_with_its_nested_content_as_one_opaque_attachment() throws Exception {
        MailMessage nested = delivered(BrokenMail.DEEP_NESTING);

        assertThat(nested.text()).isEqualTo("outer text");
        assertThat(nested.attachments()).singleElement().satisfies(opaque -> {
            assertThat(opaque.contentType()).isEqualTo("multipart/mixed");
            try (InputStream in = new AttachmentStore(dir.resolve("attachments")).open(opaque.sha256())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).contains("innermost");
            }
        });
    }

    private List<Stored> stored(String account) {
        return mailbox.stream().filter(stored -> stored.account().equals(account)).toList();
    }

    private Stored kind(String kind) {
        return mailbox.stream().filter(stored -> stored.letter().kind().equals(kind)).findFirst().orElseThrow();
    }

    private MailMessage delivered(BrokenMail kind) {
        Stored stored = kind(kind.name());
        MailMessage message = collector.delivered(stored.account()).get(stored.uid());
        assertThat(message).as(kind + " delivered").isNotNull();
        return message;
    }

    private long attemptsOf(Stored stored) {
        return collector.attempts().stream()
                .filter(attempt -> attempt.account().equals(stored.account()) && attempt.uid() == stored.uid())
                .count();
    }

    private int quarantineCount(String account) {
        try {
            return server.messageCount(PoisonMailbox.login(account), QUARANTINE);
        } catch (IllegalArgumentException notCreatedYet) {
            return 0;
        }
    }
}
