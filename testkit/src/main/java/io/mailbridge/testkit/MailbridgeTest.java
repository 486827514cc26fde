package io.mailbridge.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test against a real IMAPS server on loopback and your own accounts file and routes, booted as
 * {@code mailbridge run} would boot them; test methods receive {@link Mailboxes}, {@link Deliveries} and
 * {@link MailbridgeApp}.
 *
 * <p>Every account of the file becomes a user of the server (same login); host, port, TLS trust and the poll
 * interval are rewritten for the test, data and output go to a temporary folder. Paths are relative to the working
 * directory, which Maven sets to the project's folder. On a method, it replaces the class's settings for that test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(MailbridgeExtension.class)
public @interface MailbridgeTest {

    /** The accounts file to test with, as in {@code mailbridge run --accounts}. */
    String accounts() default "routes/accounts.yaml";

    /** The folder of {@code *.camel.yaml} pipelines, as in {@code mailbridge run --routes}. */
    String routes() default "routes";

    /**
     * Endpoint URIs or patterns ({@code kafka:*}, {@code http*}) whose endpoints are swapped, before any route
     * starts, for ones that only record what is sent to them: see {@link Deliveries}. The real component need not
     * be on the test classpath when the pattern names its scheme.
     */
    String[] replace() default {};

    /** Extra properties as {@code key=value}; they win over {@code application.properties}. */
    String[] properties() default {};

    /** Seconds between polls of every account (the file's own value is for production, not for tests). */
    double pollInterval() default 0.2;
}
