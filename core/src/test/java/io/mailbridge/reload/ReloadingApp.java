package io.mailbridge.reload;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.message.MailMessage;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The test accounts of the reload tests, and a mailbridge started on them with live reload checking every 0.2 s. */
final class ReloadingApp {

    static final String SUPPORT = "support@example.com";
    static final String SALES = "sales@example.com";
    static final String INTERVAL_SECONDS = "0.2";

    private ReloadingApp() {
    }

    static LoopbackMailServer server() {
        LoopbackMailServer server = LoopbackMailServer.start();
        server.addUser(SUPPORT, "support-secret");
        server.addUser(SALES, "sales-secret");
        return server;
    }

    /** The support account, sending to {@code to}; the caller adds more and writes the file. */
    static AccountsFile support(LoopbackMailServer server, String to) {
        return new AccountsFile(server).account("support", SUPPORT, "{{test.support}}", "to", to);
    }

    static AccountsFile sales(AccountsFile file, String to, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "to";
        all[1] = to;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return file.account("sales", SALES, "{{test.sales}}", all);
    }

    /** Starts mailbridge on the accounts file and the pipelines ({@code *.camel.yaml}) of {@code dir}. */
    static RunningMailbridge start(Path accounts, Path dir, boolean reload, RoutesBuilder... downstream)
            throws Exception {
        return start(accounts, dir, Map.of(LiveReload.ENABLED, String.valueOf(reload)), downstream);
    }

    /** As {@link #start(Path, Path, boolean, RoutesBuilder...)} with reload on and further properties. */
    static RunningMailbridge start(Path accounts, Path dir, Map<String, String> properties,
                                   RoutesBuilder... downstream) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of(
                "test.support", "support-secret",
                "test.sales", "sales-secret",
                "mailbridge.dataDir", dir.resolve("data").toString(),
                LiveReload.ENABLED, "true",
                LiveReload.INTERVAL_SECONDS, INTERVAL_SECONDS));
        all.putAll(properties);
        return RunningMailbridge.start(accounts, dir, all, downstream);
    }

    static MockEndpoint mock(CamelContext camel, String uri) {
        return camel.getEndpoint(uri, MockEndpoint.class);
    }

    static String subjectAt(MockEndpoint mock, int index) {
        return mock.getExchanges().get(index).getMessage().getBody(MailMessage.class).subject();
    }
}
