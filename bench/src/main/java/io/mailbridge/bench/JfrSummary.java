package io.mailbridge.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mailbridge consumer thread spends its time, from a JFR recording with every socket and file I/O event
 * kept (threshold 0): time blocked reading from Dovecot (round trips), in fsync, in file writes, and the hottest
 * methods among the CPU samples of all threads.
 */
final class JfrSummary {

    private static final List<String> IO_EVENTS = List.of("jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead",
            "jdk.FileWrite", "jdk.FileForce");

    /** Total time and count of one kind of I/O event on the consumer threads. */
    record Io(String event, int count, double seconds) {
    }

    /**
     * @param hotMethods the methods most often on top of a CPU sample of a consumer thread
     * @param hotCallers for the same samples, the first frame outside the JDK: which library's code burns the CPU
     */
    record Summary(List<Io> consumerIo, Map<String, Integer> hotMethods, Map<String, Integer> hotCallers,
                   int samples) {
    }

    private JfrSummary() {
    }

    /** A copy of the JDK's {@code profile} settings in which every socket and file I/O event is recorded. */
    static Path settings(Path directory) throws IOException {
        Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        String jfc = Files.readString(profile);
        for (String event : IO_EVENTS) {
            Pattern threshold = Pattern.compile("(<event name=\"" + Pattern.quote(event)
                    + "\">.*?<setting name=\"threshold\"[^>]*>)[^<]*(</setting>)", Pattern.DOTALL);
            Matcher matcher = threshold.matcher(jfc);
            if (matcher.find()) {
                jfc = matcher.replaceFirst("$10 ms$2");
            }
        }
        Path settings = directory.resolve("bench-io.jfc");
        Files.createDirectories(directory);
        Files.writeString(settings, jfc);
        return settings;
    }

    static Summary summarize(Path recording) throws IOException {
        Map<String, long[]> io = new LinkedHashMap<>();
        IO_EVENTS.forEach(event -> io.put(event, new long[2]));
        Map<String, Integer> hot = new HashMap<>();
        Map<String, Integer> callers = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (io.containsKey(type) && isConsumer(event.getThread())) {
                long[] totals = io.get(type);
                totals[0]++;
                totals[1] += event.getDuration().toNanos();
            } else if (type.equals("jdk.ExecutionSample") && isConsumer(event.getThread("sampledThread"))) {
                samples++;
                hot.merge(topFrame(event.getStackTrace()), 1, Integer::sum);
                callers.merge(firstOutsideJdk(event.getStackTrace()), 1, Integer::sum);
            }
        }
        List<Io> consumerIo = io.entrySet().stream()
                .map(entry -> new Io(entry.getKey(), (int) entry.getValue()[0], entry.getValue()[1] / 1e9)).toList();
        return new Summary(consumerIo, top(hot), top(callers), samples);
    }

    private static Map<String, Integer> top(Map<String, Integer> counts) {
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        return top;
    }

    /** Poll threads: camel-mail's are named after the endpoint ({@code imaps://host:port}), mailbridge's shared ones mailbridge-poll. */
    private static boolean isConsumer(RecordedThread thread) {
        return thread != null && thread.getJavaName() != null
                && (thread.getJavaName().contains("imap") || thread.getJavaName().contains("mailbridge-poll"));
    }

    private static String topFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack)";
        }
        return name(stack.getFrames().get(0));
    }

    private static String firstOutsideJdk(RecordedStackTrace stack) {
        if (stack == null) {
            return "(no stack)";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")
                    && !type.startsWith("javax.") && !type.startsWith("com.sun.")) {
                return name(frame);
            }
        }
        return "(JDK only)";
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
