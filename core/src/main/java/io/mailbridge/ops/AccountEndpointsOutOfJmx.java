package io.mailbridge.ops;

import io.mailbridge.poll.PollPacing;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.management.DefaultManagementObjectStrategy;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Leaves the endpoints of account routes out of JMX when the account routes are (the default,
 * {@code camel.main.jmxManagementRegisterRoutesCreateByTemplate=false}): naming each endpoint MBean sanitizes its
 * long URI, ~1 ms per account at start-up.
 */
final class AccountEndpointsOutOfJmx extends DefaultManagementObjectStrategy {

    @Override
    public Object getManagedObjectForEndpoint(CamelContext context, Endpoint endpoint) {
        if (isAccountEndpoint(endpoint)
                && !context.getManagementStrategy().getManagementAgent().getRegisterRoutesCreateByTemplate()) {
            return null;
        }
        return super.getManagedObjectForEndpoint(context, endpoint);
    }

    /** An account route's consumer endpoint: the only one whose poll strategy paces an account. */
    private static boolean isAccountEndpoint(Endpoint endpoint) {
        return endpoint instanceof ScheduledPollEndpoint polled && polled.getPollStrategy() instanceof PollPacing;
    }
}
