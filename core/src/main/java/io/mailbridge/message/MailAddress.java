package io.mailbridge.message;

/** A mailbox address with its decoded display name ({@code null} when there is none). */
public record MailAddress(String name, String address) {
}
