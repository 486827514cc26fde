package io.mailbridge.ownership;

/** A shared, atomic epoch counter per bucket: the source of fencing epochs, kept beside the shared ledger. */
public interface ClaimStore {

    /** The name the shared ledger binds its claim store under; cluster mode needs one. */
    String BEAN = "mailbridgeClaimStore";

    /** Records {@code node} as the bucket's owner under a new epoch, higher than any before, and returns it. */
    long acquire(String bucket, String node);
}
