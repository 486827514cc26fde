package io.mailbridge.demo;

import jakarta.mail.Flags;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Turns Jakarta Mail {@link Flags} into the flag names of the IMAP protocol. */
final class ImapFlagNames {

    private static final Map<Flags.Flag, String> SYSTEM = Map.of(
        Flags.Flag.ANSWERED, "\\Answered",
        Flags.Flag.DELETED, "\\Deleted",
        Flags.Flag.DRAFT, "\\Draft",
        Flags.Flag.FLAGGED, "\\Flagged",
        Flags.Flag.RECENT, "\\Recent",
        Flags.Flag.SEEN, "\\Seen");

    private ImapFlagNames() {
    }

    static Set<String> of(Flags flags) {
        Set<String> names = new LinkedHashSet<>();
        for (Flags.Flag flag : flags.getSystemFlags()) {
            names.add(SYSTEM.getOrDefault(flag, flag.toString()));
        }
        Collections.addAll(names, flags.getUserFlags());
        return Collections.unmodifiableSet(names);
    }
}
