package io.mailbridge.bench;

import java.nio.file.Path;

/**
 * Prints the {@link JfrSummary} of any recording of a mailbridge or camel-mail JVM:
 * {@code java -cp 'bench/target/classes:bench/target/lib/*' io.mailbridge.bench.Profile FILE.jfr}.
 */
public final class Profile {

    private Profile() {
    }

    public static void main(String[] args) throws Exception {
        JfrSummary.Summary summary = JfrSummary.summarize(Path.of(args[0]));
        System.out.println("I/O on the consumer threads (event, count, seconds):");
        summary.consumerIo().forEach(io -> System.out.printf("  %-16s %8d %8.2f%n", io.event(), io.count(), io.seconds()));
        System.out.println("CPU samples of the consumer threads: " + summary.samples());
        System.out.println("first frame outside the JDK:");
        summary.hotCallers().forEach((frame, count) -> System.out.printf("  %5d  %s%n", count, frame));
        System.out.println("top frame:");
        summary.hotMethods().forEach((frame, count) -> System.out.printf("  %5d  %s%n", count, frame));
    }
}
