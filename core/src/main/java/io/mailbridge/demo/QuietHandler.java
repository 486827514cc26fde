package io.mailbridge.demo;

import com.icegreen.greenmail.server.ProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a connection that ends abnormally (a refused TLS handshake, a vanished client) instead of dumping it on stderr. */
final class QuietHandler implements ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(QuietHandler.class);

    private final ProtocolHandler delegate;
    private final String server;

    QuietHandler(ProtocolHandler delegate, String server) {
        this.delegate = delegate;
        this.server = server;
    }

    @Override
    public void run() {
        try {
            delegate.run();
        } catch (RuntimeException e) {
            LOG.debug("connection to {} ended abnormally", server, e);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
