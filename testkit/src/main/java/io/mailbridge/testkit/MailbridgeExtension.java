package io.mailbridge.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link MailbridgeTest}: starts a fresh server and application before each test,
 * stops them after it, and hands {@link Mailboxes}, {@link Deliveries} and {@link MailbridgeApp} to test and
 * {@code @BeforeEach} methods.
 */
public final class MailbridgeExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MailbridgeExtension.class);
    private static final List<Class<?>> PROVIDED = List.of(Mailboxes.class, Deliveries.class, MailbridgeApp.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        context.getStore(NAMESPACE).put(MailbridgeApp.class, MailbridgeApp.start(Settings.of(settings(context))));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        MailbridgeApp app = context.getStore(NAMESPACE).remove(MailbridgeApp.class, MailbridgeApp.class);
        if (app != null) {
            app.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PROVIDED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MailbridgeApp app = context.getStore(NAMESPACE).get(MailbridgeApp.class, MailbridgeApp.class);
        Class<?> type = parameter.getParameter().getType();
        if (app == null) {
            throw new ParameterResolutionException(type.getSimpleName() + " is available to @Test and @BeforeEach"
                    + " methods only: the server and application run for one test at a time");
        }
        return type == Mailboxes.class ? app.mailboxes() : type == Deliveries.class ? app.deliveries() : app;
    }

    /** The nearest annotation: on the method, its class, or an enclosing class; the defaults without one. */
    private static MailbridgeTest settings(ExtensionContext context) {
        for (ExtensionContext level = context; level != null; level = level.getParent().orElse(null)) {
            Optional<MailbridgeTest> found = level.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, MailbridgeTest.class));
            if (found.isPresent()) {
                return found.get();
            }
        }
        return Defaults.class.getAnnotation(MailbridgeTest.class);
    }

    @MailbridgeTest
    private static final class Defaults {
    }
}
