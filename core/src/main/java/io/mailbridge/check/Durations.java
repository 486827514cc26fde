package io.mailbridge.check;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them: a configured timeout as the accounts file wrote it, a measured time briefly. */
final class Durations {

    private Durations() {
    }

    /** A timeout from the accounts file: {@code 10 s}, {@code 2.5 s} or {@code 500 ms}. */
    static String timeout(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A measured time: {@code 412 ms}, {@code 1.2 s}. */
    static String elapsed(long millis) {
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
