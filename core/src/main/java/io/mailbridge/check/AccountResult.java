package io.mailbridge.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking one account: every step that ran, and advice a person can act on when one failed.
 *
 * @param millis      the time all steps took together
 * @param explanation what went wrong and what to do about it; null when the account passed
 * @param messages    the mailbox's message count; null when the check did not get that far
 * @param unseen      the mailbox's unseen message count; null when the check did not get that far
 */
@JsonPropertyOrder({"name", "ok", "host", "port", "mailbox", "millis", "steps", "explanation", "messages", "unseen"})
public record AccountResult(String name, boolean ok, String host, int port, String mailbox, long millis,
                            List<StepResult> steps, String explanation, Integer messages, Integer unseen) {

    public AccountResult {
        steps = List.copyOf(steps);
    }

    /** The step that failed, if one did. */
    @JsonIgnore
    public Optional<StepResult> failedStep() {
        return steps.stream().filter(step -> !step.ok()).findFirst();
    }
}
