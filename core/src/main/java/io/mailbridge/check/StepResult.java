package io.mailbridge.check;

/**
 * How one step of an account check went.
 *
 * @param step   the step's id: {@code dns}, {@code tcp}, {@code tls}, {@code greeting}, {@code capabilities},
 *               {@code login}, {@code select} or {@code count}
 * @param detail what the step found, or on failure the technical reason (the advice is the account's explanation)
 */
public record StepResult(String step, boolean ok, long millis, String detail) {
}
