package io.mailbridge.check;

import io.mailbridge.support.SpecialUseDovecot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} tells whether the server can do an account's {@code onSuccess}, and where a move goes. */
class OnSuccessCheckTest {

    @TempDir
    Path dir;

    @Test
    void check_names_the_mailbox_a_special_use_move_goes_to() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start()) {
            CheckRun run = CheckRun.json(accounts(dovecot, "'move:\\Trash'"));

            assertThat(run.exitCode()).isZero();
            assertThat(run.document().path("accounts").path(0).path("steps").toString())
                    .contains("onSuccess move:\\\\Trash: moves to '" + SpecialUseDovecot.TRASH + "'");
        }
    }

    @Test
    void check_fails_an_account_whose_server_cannot_delete_safely() throws Exception {
        try (SpecialUseDovecot dovecot = SpecialUseDovecot.start("IMAP4rev1 LITERAL+ SPECIAL-USE")) {
            CheckRun run = CheckRun.json(accounts(dovecot, "delete"));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.failedStep()).isEqualTo("onSuccess");
            assertThat(run.explanation()).contains("onSuccess delete needs the server's UIDPLUS capability");
        }
    }

    private Path accounts(SpecialUseDovecot dovecot, String onSuccess) throws Exception {
        return Files.writeString(dir.resolve("accounts.yaml"), "accounts:\n"
                + dovecot.account("support", "onSuccess", onSuccess));
    }
}
