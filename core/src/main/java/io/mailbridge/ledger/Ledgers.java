package io.mailbridge.ledger;

import io.mailbridge.ownership.AccountOwnership;
import io.mailbridge.ownership.ClaimStore;
import io.mailbridge.delivery.DeliveryLedgers;
import io.mailbridge.delivery.LedgerUnavailableException;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the delivery ledgers {@code mailbridge.ledger} asks for: {@code file} (the default, for a single node), or
 * {@code jdbc}, the ledger on PostgreSQL that replicas share, each account's writes fenced by the claim of the
 * {@link AccountOwnership} bound as {@value AccountOwnership#BEAN} (if none, this node owns every account); the
 * latter binds its {@link ClaimStore}, the source of those claims' epochs, as {@value ClaimStore#BEAN}.
 */
public final class Ledgers {

    public static final String KIND = "mailbridge.ledger";
    private static final Logger LOG = LoggerFactory.getLogger(Ledgers.class);

    private Ledgers() {
    }

    /** The ledgers; throws {@link LedgerUnavailableException} when the settings are wrong or the database is down. */
    public static DeliveryLedgers configured(CamelContext camel, Path directory) {
        String kind = property(camel, KIND).orElse("file").trim();
        return switch (kind) {
            case "file" -> new DeliveryLedgers(directory);
            case "jdbc" -> shared(camel, directory);
            default -> throw new LedgerUnavailableException("the delivery ledger's settings are wrong: " + KIND
                    + " must be file or jdbc, was '" + kind + "'", null);
        };
    }

    private static DeliveryLedgers shared(CamelContext camel, Path directory) {
        LedgerSettings settings;
        try {
            settings = LedgerSettings.read(key -> property(camel, key));
        } catch (IllegalArgumentException e) {
            throw new LedgerUnavailableException("the delivery ledger's settings are wrong: " + e.getMessage(), e);
        }
        JdbcLedgers jdbc = JdbcLedgers.open(settings, () -> password(camel));
        LOG.info("delivery ledger: shared, in PostgreSQL at {} as user '{}' (tables {}{}*), this node '{}'", jdbc.url(),
                settings.user(), settings.schema().isEmpty() ? "" : settings.schema() + ".", settings.tablePrefix(),
                settings.node());
        camel.getRegistry().bind(ClaimStore.BEAN, ClaimStore.class, jdbc.claimStore());
        return new DeliveryLedgers(directory, account -> jdbc.forAccount(account, ownership(camel)), jdbc);
    }

    private static AccountOwnership ownership(CamelContext camel) {
        AccountOwnership bound = camel.getRegistry().lookupByNameAndType(AccountOwnership.BEAN,
                AccountOwnership.class);
        return bound == null ? AccountOwnership.SOLE : bound;
    }

    /** The password, or null when none is set; throws when its placeholder does not resolve. */
    private static String password(CamelContext camel) {
        String password = camel.resolvePropertyPlaceholders("{{" + LedgerSettings.PASSWORD + ":}}");
        return password.isEmpty() ? null : password;
    }

    private static Optional<String> property(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key).filter(value -> !value.isBlank());
    }
}
