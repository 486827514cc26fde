package io.mailbridge.app;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchEndpointException;

/** Turns a pipeline endpoint whose Camel component is not on the class path into advice on how to add it. */
final class MissingComponent {

    private MissingComponent() {
    }

    static ConfigurationException describe(NoSuchEndpointException e, FailedToCreateRouteException route) {
        String uri = e.getUri();
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
        String where = route == null ? "a pipeline route" : "route " + route.getRouteId();
        return new ConfigurationException(where + " sends to " + uri + ", but no Camel component for '" + scheme
                + "' is on the class path. Build mailbridge with it (mvn -q -B -DskipTests -P" + scheme
                + " package, for the components that have a profile) or start it with the component's jars: java -cp"
                + " 'mailbridge.jar:components/*' io.mailbridge.Mailbridge run (README: \"Adding Camel components\").",
                e);
    }
}
