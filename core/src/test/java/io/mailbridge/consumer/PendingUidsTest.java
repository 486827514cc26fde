package io.mailbridge.consumer;

import io.mailbridge.consumer.imap.ImapMailbox;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.PersonsMailClient;
import io.mailbridge.support.TestMail;
import jakarta.mail.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The UIDs a poll takes, searched in bounded ranges over a sparse mailbox on a real IMAP server. */
class PendingUidsTest {

    private static final String LOGIN = "support@example.com";
    private static final String PASSWORD = "secret";

    private LoopbackMailServer server;
    private ImapMailbox mailbox;
    private long[] kept;

    @BeforeEach
    void sparseMailbox() throws Exception {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, PASSWORD);
        long[] uids = LongStream.range(0, 40).map(i -> server.deliver(LOGIN, TestMail.message("Message " + i)))
                .toArray();
        kept = new long[] {uids[2], uids[16], uids[37]};
        PersonsMailClient person = new PersonsMailClient(server, LOGIN, PASSWORD);
        person.delete("INBOX", LongStream.of(uids).filter(uid -> LongStream.of(kept).noneMatch(k -> k == uid))
                .toArray());
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.trust", server.host());
        properties.put("mail.imaps.ssl.checkserveridentity", "false");
        mailbox = ImapMailbox.open(Session.getInstance(properties), "imaps", server.host(), server.imapsPort(), LOGIN,
                PASSWORD, "INBOX");
    }

    @AfterEach
    void close() {
        mailbox.close();
        server.close();
    }

    @Test
    void narrow_ranges_widen_over_gaps_until_they_reach_the_highest_uid() throws Exception {
        long highest = mailbox.highestUid();

        PendingUids pending = PendingUids.find(mailbox, new MailboxCursor(0, 0, "ALL"), highest, 500, 2);

        assertThat(highest).isEqualTo(kept[2]);
        assertThat(pending.uids()).containsExactly(kept);
        assertThat(pending.coveredUpTo()).isEqualTo(highest);
        assertThat(pending.complete()).isTrue();
    }

    @Test
    void a_poll_takes_at_most_its_limit_and_covers_nothing_past_the_next_pending_one() throws Exception {
        PendingUids pending = PendingUids.find(mailbox, new MailboxCursor(0, 0, "ALL"), mailbox.highestUid(), 2, 2);

        assertThat(pending.uids()).containsExactly(kept[0], kept[1]);
        assertThat(pending.coveredUpTo()).isBetween(kept[1], kept[2] - 1);
        assertThat(pending.complete()).isFalse();
    }

    @Test
    void below_the_start_mark_only_mail_matching_the_backfill_is_taken_and_above_it_everything() throws Exception {
        new PersonsMailClient(server, LOGIN, PASSWORD).read("INBOX", kept[1], kept[2]);
        MailboxCursor cursor = new MailboxCursor(0, kept[1] + 1, "UNSEEN");

        PendingUids pending = PendingUids.find(mailbox, cursor, mailbox.highestUid(), 500, 10_000);

        assertThat(pending.uids()).containsExactly(kept[0], kept[2]);
    }

    @Test
    void nothing_at_or_below_the_high_water_mark_is_taken() throws Exception {
        PendingUids pending = PendingUids.find(mailbox, new MailboxCursor(kept[1], kept[1], "ALL"),
                mailbox.highestUid(), 500, 10_000);

        assertThat(pending.uids()).containsExactly(kept[2]);
    }
}
