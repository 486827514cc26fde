package io.mailbridge.route;

import org.apache.camel.RouteTemplateContext;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Makes a route template bean one object per route: Camel calls a template bean's supplier on every lookup, and
 * a bean referenced twice (the poll strategy that is also a route step) must be the same object both times.
 */
final class PerRoute {

    private PerRoute() {
    }

    static RouteTemplateContext.BeanSupplier<Object> once(Function<RouteTemplateContext, Object> create) {
        Map<RouteTemplateContext, Object> made = new WeakHashMap<>();
        return template -> {
            synchronized (made) {
                return made.computeIfAbsent(template, create);
            }
        };
    }
}
