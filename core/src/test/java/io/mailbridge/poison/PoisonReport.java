package io.mailbridge.poison;

import io.mailbridge.message.MailAttachment;
import io.mailbridge.message.MailMessage;
import io.mailbridge.poison.DeadLetters.DeadLetter;
import io.mailbridge.poison.PoisonMailbox.Category;
import io.mailbridge.poison.PoisonMailbox.Letter;
import io.mailbridge.poison.PoisonMailbox.Stored;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What became of each message of the poison mailbox, and the summary table the test prints. */
final class PoisonReport {

    /** One message's fate: delivered downstream, quarantined (a dead letter), or neither yet. */
    record Outcome(Stored stored, MailMessage delivered, DeadLetter quarantined) {

        String state() {
            return delivered != null && quarantined != null ? "BOTH"
                    : delivered != null ? "delivered" : quarantined != null ? "quarantined" : "STUCK";
        }

        /** Short, for assertion messages: the message itself may be megabytes. */
        @Override
        public String toString() {
            return stored.letter().kind() + " (" + stored.account() + "/" + stored.uid() + "): " + state();
        }
    }

    private PoisonReport() {
    }

    static List<Outcome> outcomes(List<Stored> mailbox, Collector collector, Path dataDir) {
        Map<String, Map<Long, DeadLetter>> deadLetters = new LinkedHashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Stored stored : mailbox) {
            DeadLetter deadLetter = deadLetters.computeIfAbsent(stored.account(), a -> DeadLetters.read(dataDir, a))
                    .get(stored.uid());
            outcomes.add(new Outcome(stored, collector.delivered(stored.account()).get(stored.uid()), deadLetter));
        }
        return outcomes;
    }

    /**
     * A row per broken kind and per message not delivered; good and corpus mail summed up per group; last the
     * letters the test server refused to store.
     */
    static String table(List<Outcome> outcomes, Map<Letter, String> refused) {
        StringBuilder table = new StringBuilder(String.format("%-42s %-16s %-12s %s%n", "kind", "account/uid",
                "outcome", "detail / reason"));
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            Category category = outcome.stored().letter().category();
            boolean grouped = (category == Category.GOOD || category == Category.CORPUS) && outcome.delivered() != null;
            if (grouped) {
                groups.computeIfAbsent(group(outcome), g -> new ArrayList<>()).add(outcome);
            } else {
                Stored stored = outcome.stored();
                table.append(String.format("%-42s %-16s %-12s %s%n", clip(stored.letter().kind(), 42),
                        stored.account() + "/" + stored.uid(), outcome.state(), detail(outcome)));
            }
        }
        groups.forEach((group, members) -> table.append(String.format("%-42s %-16s %-12s %s%n", group,
                members.size() + " msgs", "delivered", "all delivered")));
        refused.forEach((letter, reason) -> table.append(String.format("%-42s %-16s %-12s %s%n", letter.kind(), "-",
                "NOT STORED", "the test server refused it: " + reason)));
        return table.toString();
    }

    private static String group(Outcome outcome) {
        String kind = outcome.stored().letter().kind();
        return outcome.stored().letter().category() == Category.GOOD ? "good mail"
                : "corpus " + (kind.contains("/") ? kind.substring(0, kind.indexOf('/')) : kind);
    }

    private static String detail(Outcome outcome) {
        if (outcome.quarantined() != null) {
            return "after " + outcome.quarantined().attempts() + " attempts: " + outcome.quarantined().reason();
        }
        MailMessage message = outcome.delivered();
        if (message == null) {
            return "";
        }
        return "subject=" + quoted(message.subject()) + " from=" + (message.from() == null ? "null"
                : message.from().address()) + " to+cc=" + (message.to().size() + message.cc().size()) + " date="
                + message.date() + " text=" + quoted(message.text()) + " attachments=" + message.attachments().stream()
                .map(PoisonReport::attachment).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String attachment(MailAttachment attachment) {
        return attachment.contentType() + (attachment.fileName() == null ? "" : " " + clip(attachment.fileName(), 20))
                + " " + attachment.size() + "B";
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + clip(text.replaceAll("\\p{Cntrl}", "\u00b7"), 30) + "\"";
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…(" + text.length() + ")";
    }
}
