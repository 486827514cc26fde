package io.mailbridge.consumer.imap;

/** An IMAP UID set in its compact form, {@code 3:7,9,12:14}, from ascending UIDs. */
public final class UidSet {

    private UidSet() {
    }

    public static String of(long[] ascending) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("an IMAP UID set cannot be empty");
        }
        StringBuilder set = new StringBuilder();
        int start = 0;
        for (int index = 1; index <= ascending.length; index++) {
            boolean runEnds = index == ascending.length || ascending[index] != ascending[index - 1] + 1;
            if (runEnds) {
                if (set.length() > 0) {
                    set.append(',');
                }
                set.append(ascending[start]);
                if (index - 1 > start) {
                    set.append(':').append(ascending[index - 1]);
                }
                start = index;
            }
        }
        return set.toString();
    }
}
