package io.mailbridge.poison;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.TestMail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.mailbridge.poison.RawMail.crlf;
import static io.mailbridge.poison.RawMail.headers;

/**
 * The messages of the poison test: good mail, every {@link BrokenMail}, the real-world corpus and one message the
 * downstream rejects, dealt in a fixed shuffled order across a few accounts so that no GreenMail mailbox grows big.
 */
final class PoisonMailbox {

    enum Category { GOOD, BROKEN, CORPUS, REJECTED_DOWNSTREAM }

    /**
     * One message to deliver: what it is (a {@link BrokenMail} name, a corpus file, good-N) and its raw bytes. Letters
     * with the same non-null {@code together} go to the same mailbox.
     */
    record Letter(Category category, String kind, Supplier<byte[]> raw, String together) {

        Letter(Category category, String kind, Supplier<byte[]> raw) {
            this(category, kind, raw, null);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    /** A letter as stored on the server, identified as mailbridge identifies it. */
    record Stored(Letter letter, String account, long uid) {
    }

    private PoisonMailbox() {
    }

    /** The rejected message first, then everything else in a shuffled but fixed order. */
    static List<Letter> letters(Path corpus, int goodCount) throws IOException {
        List<Letter> others = new ArrayList<>();
        for (int i = 1; i <= goodCount; i++) {
            int number = i;
            others.add(new Letter(Category.GOOD, "good-" + i, () -> good(number)));
        }
        for (BrokenMail kind : BrokenMail.values()) {
            // both messages with one Message-ID share a mailbox, so that only their UIDs tell them apart
            String together = kind.name().startsWith("DUPLICATE_MESSAGE_ID") ? "duplicate-message-id" : null;
            others.add(new Letter(Category.BROKEN, kind.name(), kind::raw, together));
        }
        for (Path file : corpusFiles(corpus)) {
            others.add(new Letter(Category.CORPUS, corpus.relativize(file).toString(), () -> read(file)));
        }
        Collections.shuffle(others, new Random(7));
        List<Letter> letters = new ArrayList<>();
        letters.add(new Letter(Category.REJECTED_DOWNSTREAM, Collector.REJECTED,
                () -> TestMail.message(Collector.REJECTED)));
        letters.addAll(others);
        return letters;
    }

    /**
     * Deals the letters round-robin to the accounts (login {@code <account>@poison.test}), in order. A letter the
     * test server itself cannot store is not delivered but kept, with the server's reason, in {@code refused}.
     */
    static List<Stored> deliver(LoopbackMailServer server, List<String> accounts, List<Letter> letters,
                                Map<Letter, String> refused) {
        List<Stored> stored = new ArrayList<>();
        Map<String, String> togetherIn = new HashMap<>();
        for (int i = 0; i < letters.size(); i++) {
            Letter letter = letters.get(i);
            String dealt = accounts.get(i % accounts.size());
            String account = letter.together() == null ? dealt
                    : togetherIn.computeIfAbsent(letter.together(), together -> dealt);
            try {
                stored.add(new Stored(letter, account, server.deliver(login(account), letter.raw().get())));
            } catch (IllegalArgumentException | IllegalStateException e) {
                refused.put(letter, e.getMessage());
            }
        }
        return stored;
    }

    static String login(String account) {
        return account + "@poison.test";
    }

    /** Every third good message is a multipart with HTML and an attachment, the others plain text. */
    private static byte[] good(int number) {
        if (number % 3 != 0) {
            return TestMail.message("Good mail " + number);
        }
        return crlf(headers("Good mail " + number, "good-" + number) + """
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=utf-8

                Good mail %1$d
                --inner
                Content-Type: text/html; charset=utf-8

                <p>Good mail %1$d</p>
                --inner--
                --outer
                Content-Type: text/csv; name="report-%1$d.csv"
                Content-Disposition: attachment; filename="report-%1$d.csv"

                a,b
                %1$d,2
                --outer--
                """.formatted(number));
    }

    private static List<Path> corpusFiles(Path corpus) throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !List.of("README.md", "LICENSE").contains(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus message " + file, e);
        }
    }
}
