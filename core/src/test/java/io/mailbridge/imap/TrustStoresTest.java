package io.mailbridge.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts with the same trust share one TLS context, and a replaced trust store file is loaded again. */
class TrustStoresTest {

    @Test
    void accounts_with_the_default_trust_share_one_context() {
        assertThat(TrustStores.context(TestAccounts.imaps("a", 993).withoutTrustStore().build(), null))
                .isSameAs(TrustStores.context(TestAccounts.imaps("b", 993).withoutTrustStore().build(), null));
    }

    @Test
    void accounts_with_the_same_trust_store_share_one_context() {
        assertThat(TrustStores.context(TestAccounts.imaps("a", 993).build(), TestTls.password()))
                .isSameAs(TrustStores.context(TestAccounts.imaps("b", 993).build(), TestTls.password()));
    }

    @Test
    void a_trust_store_file_that_changed_is_loaded_again(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(TestTls.trustStore(), dir.resolve("trust.p12"));
        var before = TrustStores.context(TestAccounts.imaps("a", 993).trustStore(copy).build(), TestTls.password());

        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(TrustStores.context(TestAccounts.imaps("a", 993).trustStore(copy).build(), TestTls.password()))
                .isNotSameAs(before);
    }

    @Test
    void a_wrong_password_fails_even_after_the_right_one_loaded_the_store() {
        TrustStores.context(TestAccounts.imaps("a", 993).build(), TestTls.password());

        assertThatThrownBy(() -> TrustStores.context(TestAccounts.imaps("b", 993).build(), "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("account 'b': cannot load trust store");
    }
}
