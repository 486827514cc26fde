package io.mailbridge.ledger;

import java.util.Locale;

/** What the shared ledger holds for one message: its state, and while it is failing, its attempts and last reason. */
record DeliveryRow(State state, int failures, String lastFailure) {

    /** A message the ledger knows nothing of. */
    static final DeliveryRow NONE = new DeliveryRow(State.NONE, 0, "");

    enum State { NONE, FAILED, DELIVERED, QUARANTINED }

    /** The row as stored; a delivered or quarantined message no longer counts its failed attempts. */
    static DeliveryRow of(String state, int failures, String lastFailure) {
        State parsed = State.valueOf(state.toUpperCase(Locale.ROOT));
        return parsed == State.FAILED ? new DeliveryRow(parsed, failures, lastFailure == null ? "" : lastFailure)
                : new DeliveryRow(parsed, 0, "");
    }
}
