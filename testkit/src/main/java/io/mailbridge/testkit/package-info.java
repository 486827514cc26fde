/**
 * A JUnit 5 test kit for mailbridge pipelines: {@link io.mailbridge.testkit.MailbridgeTest} boots your own accounts
 * file and routes against a real IMAPS server on loopback; {@link io.mailbridge.testkit.Mailboxes} delivers mail and
 * shows the server's state, {@link io.mailbridge.testkit.Deliveries} shows what reached which endpoint.
 *
 * <p>Depend on the mailbridge artifact with {@code <scope>test</scope>}; the kit needs {@code junit-jupiter-api} on
 * the test classpath, which every JUnit 5 project has.
 */
package io.mailbridge.testkit;
