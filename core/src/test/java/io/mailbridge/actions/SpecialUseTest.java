package io.mailbridge.actions;

import io.mailbridge.status.AccountStatus;
import io.mailbridge.status.AccountStatuses;
import io.mailbridge.support.RunningMailbridge;
import io.mailbridge.support.SpecialUseDovecot;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Special-use targets found by their LIST attribute under localized names, and moves on servers without MOVE or
 * UIDPLUS, against a real Dovecot.
 */
class SpecialUseTest {

    private static final String ONLY_UIDPLUS = "IMAP4rev1 LITERAL+ SPECIAL-USE UIDPLUS";
    private static final String NEITHER = "IMAP4rev1 LITERAL+ SPECIAL-USE";

    @TempDir
    Path dir;

    @Test
    void move_to_trash_finds_the_mailbox_by_its_attribute_whatever_its_name() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start()) {
            dovecot.append("INBOX", message("Done with"));

            try (RunningMailbridge app = start(dovecot, "'move:\\Trash'")) {
                expectDelivered(app, 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.count(SpecialUseDovecot.TRASH) == 1);
                assertThat(dovecot.count("INBOX")).isZero();
                assertThat(dovecot.subjects(SpecialUseDovecot.TRASH)).containsExactly("Done with");
            }
        }
    }

    @Test
    void a_special_use_mailbox_with_a_non_ascii_name_is_moved_to() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start()) {
            dovecot.append("INBOX", message("Into the drafts"));

            try (RunningMailbridge app = start(dovecot, "'move:\\Drafts'")) {
                expectDelivered(app, 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.count(SpecialUseDovecot.DRAFTS) == 1);
                assertThat(dovecot.count("INBOX")).isZero();
            }
        }
    }

    @Test
    void without_move_the_messages_are_copied_and_only_they_expunged() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start(ONLY_UIDPLUS)) {
            long othersDeleted = dovecot.append("INBOX", message("Flagged deleted by a person"));
            dovecot.flagDeleted("INBOX", othersDeleted);
            dovecot.append("INBOX", message("Archived"));

            try (RunningMailbridge app = start(dovecot, "'move:\\All'")) {
                expectDelivered(app, 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.count(SpecialUseDovecot.ALL) == 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.count("INBOX") == 1);
                assertThat(dovecot.flags("INBOX", othersDeleted)).contains("\\Deleted");
                assertThat(dovecot.flags(SpecialUseDovecot.ALL, 1)).contains("\\Seen");
            }
        }
    }

    @Test
    void without_move_and_uidplus_delete_and_move_are_refused_and_nothing_is_taken() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start(NEITHER)) {
            long uid = dovecot.append("INBOX", message("Stays"));

            for (String onSuccess : List.of("delete", "'move:\\Trash'")) {
                try (RunningMailbridge app = start(dovecot, onSuccess)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(app).lastError().isPresent());
                    assertThat(statusOf(app).lastError()).get().asString().contains("offer")
                            .contains("a plain EXPUNGE would also remove other clients' deleted mail");
                    assertThat(statusOf(app).deliveredCount()).isZero();
                }
            }
            assertThat(dovecot.flags("INBOX", uid)).isEmpty();
            assertThat(dovecot.count("INBOX")).isEqualTo(1);
        }
    }

    @Test
    void without_move_and_uidplus_quarantine_copies_and_leaves_the_original_seen() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start(NEITHER)) {
            long othersDeleted = dovecot.append("INBOX", message("Flagged deleted by a person"));
            dovecot.flagDeleted("INBOX", othersDeleted);
            long poison = dovecot.append("INBOX", message("Always fails"));
            Path accounts = Files.writeString(dir.resolve("accounts.yaml"), "accounts:\n" + dovecot.account("support",
                    "to", "direct:failing", "maxAttempts", "1"));
            RouteBuilder failing = new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:failing").routeId("failing").throwException(new IllegalStateException("rejected"));
                }
            };

            try (RunningMailbridge app = RunningMailbridge.start(accounts, dir,
                    Map.of("mailbridge.dataDir", dir.resolve("data").toString()), failing)) {
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                        .until(() -> dovecot.count("mailbridge-quarantine") == 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.flags("INBOX", poison).contains("\\Seen"));
                assertThat(dovecot.flags("INBOX", poison)).doesNotContain("\\Deleted");
                assertThat(dovecot.flags("INBOX", othersDeleted)).contains("\\Deleted");
                assertThat(dovecot.count("INBOX")).isEqualTo(2);
            }
        }
    }

    @Test
    void a_special_use_no_mailbox_has_is_refused_naming_the_mailboxes_there_are() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start()) {
            long uid = dovecot.append("INBOX", message("Stays too"));

            try (RunningMailbridge app = start(dovecot, "'move:\\Junk'")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(app).lastError().isPresent());
                assertThat(statusOf(app).lastError()).get().asString()
                        .contains("no mailbox of this account has the special-use attribute \\Junk")
                        .contains(SpecialUseDovecot.TRASH);
                assertThat(dovecot.flags("INBOX", uid)).isEmpty();
            }
        }
    }

    private static void expectDelivered(RunningMailbridge app, int count) throws InterruptedException {
        MockEndpoint delivered = app.camel().getEndpoint("mock:delivered", MockEndpoint.class);
        delivered.expectedMinimumMessageCount(count);
        MockEndpoint.assertIsSatisfied(app.camel(), 20, TimeUnit.SECONDS);
    }

    private static AccountStatus statusOf(RunningMailbridge app) {
        return app.camel().getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class)
                .forAccount("support");
    }

    private RunningMailbridge start(SpecialUseDovecot dovecot, String onSuccess) throws Exception {
        Path accounts = Files.writeString(dir.resolve("accounts.yaml"), "accounts:\n"
                + dovecot.account("support", "to", "mock:delivered", "onSuccess", onSuccess));
        return RunningMailbridge.start(accounts, dir, Map.of("mailbridge.dataDir", dir.resolve("data").toString()));
    }
}
