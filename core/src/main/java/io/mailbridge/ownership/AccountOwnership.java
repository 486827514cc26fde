package io.mailbridge.ownership;

import java.util.Optional;

/** Which accounts this node consumes now, as the cluster decided: the claim under which it owns one, if it does. */
public interface AccountOwnership {

    /** The bean name under which the running ownership is bound. */
    String BEAN = "mailbridgeOwnership";

    /** A single node: owns every account, under an epoch no other node competes for. */
    AccountOwnership SOLE = account -> Optional.of(new OwnershipClaim("all", 0));

    /** The claim under which this node owns the account now; empty when it does not. */
    Optional<OwnershipClaim> claim(String account);
}
