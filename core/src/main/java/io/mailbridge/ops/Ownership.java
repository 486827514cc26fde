package io.mailbridge.ops;

import io.mailbridge.ownership.AccountOwnership;
import org.apache.camel.CamelContext;

import java.util.Optional;

/** The bound {@link AccountOwnership}: which accounts this node consumes, and so reports on. */
final class Ownership {

    private Ownership() {
    }

    static AccountOwnership of(CamelContext camel) {
        return Optional.ofNullable(camel.getRegistry().lookupByNameAndType(AccountOwnership.BEAN,
                AccountOwnership.class)).orElse(AccountOwnership.SOLE);
    }
}
