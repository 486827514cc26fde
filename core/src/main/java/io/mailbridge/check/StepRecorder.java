package io.mailbridge.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Runs the steps of one account check in turn, timing each and recording how it went. */
final class StepRecorder {

    /** The work of one step. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws StepFailure;
    }

    private final List<StepResult> results = new ArrayList<>();
    private Step failed;

    /** Runs the action as {@code step}; on success records {@code detail} of its value, on failure rethrows. */
    <T> T run(Step step, Action<T> action, Function<? super T, String> detail) throws StepFailure {
        long start = System.nanoTime();
        try {
            T value = action.run();
            results.add(new StepResult(step.id(), true, millisSince(start), detail.apply(value)));
            return value;
        } catch (StepFailure failure) {
            record(step, start, failure.detail());
            throw failure;
        } catch (RuntimeException e) {
            record(step, start, StepFailure.describe(e));
            throw new StepFailure(step.label() + " failed unexpectedly: " + e.getMessage(), e);
        }
    }

    List<StepResult> results() {
        return List.copyOf(results);
    }

    /** The step that failed, or null. */
    Step failed() {
        return failed;
    }

    private void record(Step step, long start, String detail) {
        failed = step;
        results.add(new StepResult(step.id(), false, millisSince(start), detail));
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
