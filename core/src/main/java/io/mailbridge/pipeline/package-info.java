/** Several pipeline routes on one {@code direct:} endpoint: each one gets every message, one after the other. */
package io.mailbridge.pipeline;
