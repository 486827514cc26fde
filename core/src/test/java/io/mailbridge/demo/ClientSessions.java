package io.mailbridge.demo;

import jakarta.mail.Session;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Jakarta Mail sessions that talk to a {@link LoopbackMailServer} the way a careful production client would. */
final class ClientSessions {

    private static final String TIMEOUT_MS = "10000";

    private ClientSessions() {
    }

    static Session imapsTrusting(LoopbackMailServer server) throws Exception {
        Properties props = imaps(server);
        props.put("mail.imaps.ssl.socketFactory", trustStoreContext(server).getSocketFactory());
        return Session.getInstance(props);
    }

    static Session imapsWithDefaultJdkTrust(LoopbackMailServer server) {
        return Session.getInstance(imaps(server));
    }

    static Session imapRequiringStartTls(LoopbackMailServer server) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.host", server.host());
        props.setProperty("mail.imap.port", String.valueOf(server.imapPort()));
        props.setProperty("mail.imap.starttls.enable", "true");
        props.setProperty("mail.imap.starttls.required", "true");
        props.setProperty("mail.imap.ssl.checkserveridentity", "true");
        props.put("mail.imap.ssl.socketFactory", trustStoreContext(server).getSocketFactory());
        props.setProperty("mail.imap.connectiontimeout", TIMEOUT_MS);
        props.setProperty("mail.imap.timeout", TIMEOUT_MS);
        return Session.getInstance(props);
    }

    static Session smtp(LoopbackMailServer server) {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", server.host());
        props.setProperty("mail.smtp.port", String.valueOf(server.smtpPort()));
        props.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
        props.setProperty("mail.smtp.timeout", TIMEOUT_MS);
        return Session.getInstance(props);
    }

    private static Properties imaps(LoopbackMailServer server) {
        Properties props = new Properties();
        props.setProperty("mail.imaps.host", server.host());
        props.setProperty("mail.imaps.port", String.valueOf(server.imapsPort()));
        props.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        props.setProperty("mail.imaps.connectiontimeout", TIMEOUT_MS);
        props.setProperty("mail.imaps.timeout", TIMEOUT_MS);
        return props;
    }

    private static SSLContext trustStoreContext(LoopbackMailServer server) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.trustStore())) {
            trusted.load(in, server.trustStorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
