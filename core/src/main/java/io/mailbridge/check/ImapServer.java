package io.mailbridge.check;

import java.util.Set;

/** What the server showed before login: its greeting, its capabilities, and which provider it is. */
record ImapServer(String greeting, Set<String> capabilities, Provider provider) {

    ImapServer {
        capabilities = Set.copyOf(capabilities);
    }
}
