package io.mailbridge.poison;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.message.AttachmentStore;
import io.mailbridge.message.MailAttachment;
import io.mailbridge.message.MailMessage;
import io.mailbridge.poison.Collector.Attempt;
import io.mailbridge.poison.DeadLetters.DeadLetter;
import io.mailbridge.poison.PoisonMailbox.Category;
import io.mailbridge.poison.PoisonMailbox.Letter;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poison corpus of issue 3: a few hundred good, broken and real-world messages run once through a real
 * mailbridge against real IMAPS mailboxes; each test checks one behaviour of the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonMailboxTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus", "real-world-mime");
    private static final List<String> ACCOUNTS = List.of("poison-a", "poison-b", "poison-c");
    private static final String QUARANTINE = "mailbridge-quarantine";
    private static final int MAX_ATTEMPTS = 2;
    private static final int GOOD_MESSAGES = 70;

    private Path dir;
    private LoopbackMailServer server;
    private final Collector collector = new Collector();
    private List<Stored> mailbox;
    private final Map<Letter, String> refusedByServer = new LinkedHashMap<>();
    private List<Outcome> outcomes;

    @BeforeAll
    void run_the_poison_mailbox_through_mailbridge(@TempDir Path dataDir) throws Exception {
        dir = dataDir;
        assertThat(CORPUS).as("the real-world MIME corpus, which ships with the sources").isDirectory();
        server = LoopbackMailServer.start();
        Map<String, String> passwords = new HashMap<>(Map.of("mailbridge.dataDir", dir.toString()));
        AccountsFile accounts = new AccountsFile(server);
        for (String account : ACCOUNTS) {
            server.addUser(PoisonMailbox.login(account), "secret-" + account);
            passwords.put("test." + account, "secret-" + account);
            accounts.account(account, PoisonMailbox.login(account), "{{test." + account + "}}",
                    "pollInterval", "0.2", "maxMessagesPerPoll", "50", "maxAttempts", String.valueOf(MAX_ATTEMPTS),
                    "to", Collector.ENDPOINT);
        }
        long start = System.nanoTime();
        mailbox = PoisonMailbox.deliver(server, ACCOUNTS, PoisonMailbox.letters(CORPUS, GOOD_MESSAGES),
                refusedByServer);
        long filled = System.nanoTime();
        try (RunningMailbridge app = RunningMailbridge.start(accounts.writeTo(dir), dir, passwords, collector)) {
            // a message that is neither delivered nor quarantined would keep the mailbox from settling: stop waiting
            // once nothing has moved for a while, and let the tests below name what got stuck
            Progress progress = new Progress();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> settled() || progress.stalledFor(Duration.ofSeconds(15), fingerprint()));
        } finally {
            outcomes = PoisonReport.outcomes(mailbox, collector, dir);
            System.out.printf("%nPoison mailbox: %d messages in %d accounts%n%s", mailbox.size(), ACCOUNTS.size(),
                    PoisonReport.table(outcomes, refusedByServer));
            System.out.printf("Timing: %d ms to fill the mailboxes, %d ms for mailbridge to settle them%n%n",
                    (filled - start) / 1_000_000, (System.nanoTime() - filled) / 1_000_000);
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** What changes while mailbridge makes progress: deliveries, dead letters, unseen counts. */
    private List<Integer> fingerprint() {
        List<Integer> fingerprint = new ArrayList<>();
        for (String account : ACCOUNTS) {
            fingerprint.add(collector.delivered(account).size());
            fingerprint.add(DeadLetters.read(dir, account).size());
            fingerprint.add(server.unseenCount(PoisonMailbox.login(account), "INBOX"));
        }
        return fingerprint;
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
        assertThat(mailbox).hasSize(1 + GOOD_MESSAGES + BrokenMail.values().length + 104 - refusedByServer.size());
        assertThat(outcomes).as("messages neither delivered nor quarantined")
                .filteredOn(outcome -> !List.of("delivered", "quarantined").contains(outcome.state())).isEmpty();
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
    void the_test_server_stores_all_but_the_one_corpus_message_greenmail_cannot() {
        // GreenMail 2.1.13 throws on a message whose top level has two Content-Disposition headers
        assertThat(refusedByServer.keySet()).extracting(Letter::kind)
                .containsExactly(Path.of("error_emails", "multiple_invalid_content_dispositions.eml").toString());
    }

    @Test
    void all_good_and_real_world_mail_is_delivered() {
        assertThat(outcomes).filteredOn(outcome -> outcome.stored().letter().category() != Category.BROKEN
                        && outcome.stored().letter().category() != Category.REJECTED_DOWNSTREAM)
                .hasSize(GOOD_MESSAGES + 104 - refusedByServer.size())
                .filteredOn(outcome -> outcome.delivered() == null || outcome.quarantined() != null).isEmpty();
    }

    @Test
    void every_kind_of_broken_mail_is_delivered_and_none_is_quarantined() {
        assertThat(outcomes).filteredOn(outcome -> outcome.stored().letter().category() == Category.BROKEN)
                .hasSize(BrokenMail.values().length)
                .filteredOn(outcome -> outcome.delivered() == null || outcome.quarantined() != null).isEmpty();
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
        assertThat(outcomes).as("quarantined").filteredOn(outcome -> outcome.quarantined() != null)
                .extracting(outcome -> outcome.stored().letter().kind()).containsExactly(Collector.REJECTED);
    }

    @Test
    void other_mail_flows_while_the_rejected_message_waits_for_its_next_attempt() {
        Stored rejected = kind(Collector.REJECTED);
        Attempt rejection = new Attempt(rejected.account(), rejected.uid(), false);
        List<Attempt> attempts = collector.attempts();

        assertThat(attempts).contains(rejection);
        assertThat(attempts.subList(attempts.indexOf(rejection), attempts.lastIndexOf(rejection)))
                .filteredOn(attempt -> attempt.account().equals(rejected.account()) && attempt.delivered())
                .isNotEmpty();
    }

    @Test
    void no_message_is_delivered_twice() {
        assertThat(collector.attempts()).filteredOn(Attempt::delivered).doesNotHaveDuplicates()
                .hasSameSizeAs(outcomes.stream().filter(outcome -> outcome.delivered() != null).toList());
    }

    @Test
    void both_messages_sharing_a_message_id_are_delivered_under_their_own_uids() {
        MailMessage first = delivered(BrokenMail.DUPLICATE_MESSAGE_ID_FIRST);
        MailMessage second = delivered(BrokenMail.DUPLICATE_MESSAGE_ID_SECOND);

        assertThat(first.messageId()).isEqualTo(second.messageId()).isEqualTo("<duplicate@poison.test>");
        assertThat(first.account()).isEqualTo(second.account());
        assertThat(first.uid()).isNotEqualTo(second.uid());
        assertThat(first.text()).isEqualToIgnoringNewLines("first of two");
        assertThat(second.text()).isEqualToIgnoringNewLines("second of two");
    }

    @Test
    void missing_or_unreadable_headers_become_null_fields() {
        assertThat(delivered(BrokenMail.NO_FROM).from()).isNull();
        assertThat(delivered(BrokenMail.NO_DATE).date()).isNull();
        assertThat(delivered(BrokenMail.NO_SUBJECT).subject()).isNull();
        assertThat(delivered(BrokenMail.NO_MESSAGE_ID).messageId()).isNull();
        assertThat(delivered(BrokenMail.BAD_DATE).date()).isNull();
        assertThat(delivered(BrokenMail.BAD_DATE).subject()).isEqualTo("Broken: bad Date");
        assertThat(delivered(BrokenMail.EMPTY)).extracting(MailMessage::subject, MailMessage::from, MailMessage::date)
                .containsOnlyNulls();
        assertThat(delivered(BrokenMail.GARBAGE)).extracting(MailMessage::subject, MailMessage::from, MailMessage::date)
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
        assertThat(delivered(BrokenMail.MISLABELLED_CHARSET).text()).isEqualToIgnoringNewLines("Grüße aus Köln.");
        assertThat(delivered(BrokenMail.UNKNOWN_CHARSET).text()).isEqualToIgnoringNewLines("Qaplaé, café.");
        assertThat(delivered(BrokenMail.BARE_LF).subject()).isEqualTo("Broken: bare LF line ends");
        assertThat(delivered(BrokenMail.BARE_LF).text()).isEqualTo("Unix line ends\nall the way.\n");
    }

    @Test
    void broken_structure_and_encodings_keep_whatever_can_be_read() {
        assertThat(delivered(BrokenMail.MISSING_BOUNDARY_PARAMETER))
                .extracting(MailMessage::text, MailMessage::html).containsExactly("plain", "<p>html</p>");
        assertThat(delivered(BrokenMail.MISSING_END_BOUNDARY).attachments()).singleElement()
                .extracting(MailAttachment::fileName).isEqualTo("cut.pdf");
        assertThat(delivered(BrokenMail.BAD_BASE64).text()).startsWith("Hello");
        assertThat(delivered(BrokenMail.BAD_BASE64).attachments()).extracting(MailAttachment::fileName)
                .containsExactly("bad.bin");
        assertThat(delivered(BrokenMail.BAD_QUOTED_PRINTABLE).text()).startsWith("café ").contains("truncated");
        assertThat(delivered(BrokenMail.NUL_BYTES).text()).startsWith("before").contains("after");
        assertThat(delivered(BrokenMail.RFC822_INSIDE_ITSELF).text()).isEqualTo("I contain myself.");
        assertThat(delivered(BrokenMail.RFC822_INSIDE_ITSELF).attachments()).extracting(MailAttachment::contentType)
                .contains("message/rfc822");
        assertThat(delivered(BrokenMail.ENCODED_WORD_GARBAGE).subject()).contains("Qaplaé");
        assertThat(delivered(BrokenMail.MALFORMED_HEADER_LINES).subject()).isEqualTo("Broken: malformed header lines");
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

    /** Remembers when a fingerprint last changed, so a wait can end early once nothing moves any more. */
    private static final class Progress {

        private Object last;
        private long changedAt = System.nanoTime();

        boolean stalledFor(Duration quiet, Object fingerprint) {
            if (!fingerprint.equals(last)) {
                last = fingerprint;
                changedAt = System.nanoTime();
            }
            return System.nanoTime() - changedAt > quiet.toNanos();
        }
    }
}
