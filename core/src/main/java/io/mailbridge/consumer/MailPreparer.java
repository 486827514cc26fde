package io.mailbridge.consumer;

/**
 * Work a batch consumer does on each small message as soon as it is spooled, on the thread that fetched it (for all
 * but a poll's first chunk, a fetch thread working while the poll thread routes the previous chunk); the route finds
 * the result in {@link RetrievedMail#prepared()}. A preparer that fails, and a large message, leave the work to the
 * route.
 */
@FunctionalInterface
public interface MailPreparer {

    Object prepare(RetrievedMail mail) throws Exception;
}
