package io.mailbridge.bench;

/**
 * What one contender measured in its own JVM. Times are seconds; {@code firstSeconds} and {@code lastSeconds}
 * count from the contender's start (raw: before connecting; camel-mail and mailbridge: the consumer route started),
 * {@code jvmToFirstSeconds} from the JVM's start.
 *
 * @param delivered        messages read whole (raw) or completed by the route, after their \Seen flag was set
 * @param heapAfterGcBytes heap used after a full GC once the mailbox was drained (-1 when not measured)
 * @param pollsLate        accounts with a gap between polls longer than the interval (+1 s); -1 when not watched
 * @param maxPollGapSeconds the longest gap between two polls of one account while watched
 * @param processCpuSeconds CPU time of the whole JVM from the contender's start (mailbridge-warm: after its
 *                         warm-up), Camel start-up and JIT included
 * @param jitCpuSeconds    CPU time of the JIT compiler threads (C1 and C2) in the same span, part of
 *                         {@code processCpuSeconds}
 * @param drainCpuSeconds  CPU time of the threads that drained the mailboxes (raw: the reading threads; camel-mail
 *                         and mailbridge: the consumers' {@code imaps://} scheduler threads)
 * @param servedAccounts   mailbridge: accounts whose first poll completed successfully (mail delivered, or none);
 *                         -1 when not watched
 * @param servedMedianSeconds from the JVM's start until half of the accounts were served
 * @param servedSeconds    from the JVM's start until the last account was served ("every account served"); NaN when
 *                         some never were
 * @param watchdogRestarts routes the poll watchdog restarted (its "restarting route" log lines); -1 when not counted
 */
record Result(String contender, int delivered, int failed, double firstSeconds, double lastSeconds,
              double jvmToFirstSeconds, double startupSeconds, long peakHeapBytes, long heapAfterGcBytes,
              long maxHeapBytes, int peakThreads, int pollsLate, int minPolls, double maxPollGapSeconds,
              double processCpuSeconds, double jitCpuSeconds, double drainCpuSeconds, String error,
              int servedAccounts, double servedMedianSeconds, double servedSeconds, int watchdogRestarts) {

    static Result failed(String contender, String error) {
        return new Result(contender, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, -1, -1, -1,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, error, -1, Double.NaN, Double.NaN, -1);
    }

    Result withServed(ServedWatch.Stats served) {
        return served == null ? this : new Result(contender, delivered, failed, firstSeconds, lastSeconds,
                jvmToFirstSeconds, startupSeconds, peakHeapBytes, heapAfterGcBytes, maxHeapBytes, peakThreads,
                pollsLate, minPolls, maxPollGapSeconds, processCpuSeconds, jitCpuSeconds, drainCpuSeconds, error,
                served.served(), served.medianSeconds(), served.lastSeconds(), watchdogRestarts);
    }

    Result withWatchdogRestarts(int restarts) {
        return new Result(contender, delivered, failed, firstSeconds, lastSeconds, jvmToFirstSeconds,
                startupSeconds, peakHeapBytes, heapAfterGcBytes, maxHeapBytes, peakThreads, pollsLate, minPolls,
                maxPollGapSeconds, processCpuSeconds, jitCpuSeconds, drainCpuSeconds, error, servedAccounts,
                servedMedianSeconds, servedSeconds, restarts);
    }

    Result withError(String message) {
        return new Result(contender, delivered, failed, firstSeconds, lastSeconds, jvmToFirstSeconds,
                startupSeconds, peakHeapBytes, heapAfterGcBytes, maxHeapBytes, peakThreads, pollsLate, minPolls,
                maxPollGapSeconds, processCpuSeconds, jitCpuSeconds, drainCpuSeconds,
                error == null ? message : error + "; " + message, servedAccounts, servedMedianSeconds, servedSeconds,
                watchdogRestarts);
    }
}
