package io.mailbridge.account;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest known key for a misspelt one, by edit distance. */
final class DidYouMean {

    private DidYouMean() {
    }

    static Optional<String> closest(String unknown, Collection<String> known) {
        String probe = unknown.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, probe.length() / 3);
        return known.stream()
                .filter(candidate -> distance(probe, candidate.toLowerCase(Locale.ROOT)) <= tolerance)
                .min(Comparator.comparingInt(candidate -> distance(probe, candidate.toLowerCase(Locale.ROOT))));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
