package io.mailbridge.ops;

import io.mailbridge.consumer.BatchImapComponent;
import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccountRoutesInJmxTest {

    private static final String LOGIN = "support@example.com";

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(LOGIN, "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void account_routes_and_their_endpoints_stay_out_of_jmx_by_default() throws Exception {
        try (RunningMailbridge app = start(Map.of())) {
            String context = app.camel().getManagementName();
            assertThat(names(context, "routes")).as("route MBeans").isNotEmpty()
                    .noneMatch(name -> name.contains("mail-support"));
            assertThat(names(context, "endpoints")).as("endpoint MBeans").isNotEmpty()
                    .noneMatch(name -> name.startsWith(BatchImapComponent.SCHEME_PREFIX + "imap"));
        }
    }

    @Test
    void they_are_registered_when_asked_for() throws Exception {
        try (RunningMailbridge app = start(Map.of("camel.main.jmxManagementRegisterRoutesCreateByTemplate", "true"))) {
            String context = app.camel().getManagementName();
            assertThat(names(context, "routes")).anyMatch(name -> name.contains("mail-support"));
            assertThat(names(context, "endpoints")).anyMatch(name -> name.startsWith(BatchImapComponent.SCHEME_PREFIX + "imap"));
        }
    }

    private RunningMailbridge start(Map<String, String> extra) throws Exception {
        Path accounts = new AccountsFile(server).account("support", LOGIN, "{{test.password}}", "to", "mock:out")
                .writeTo(dir);
        Map<String, String> properties = new HashMap<>(extra);
        properties.putAll(Map.of("test.password", "secret", "mailbridge.dataDir", dir.toString()));
        return RunningMailbridge.start(accounts, Path.of("..", "routes"), properties);
    }

    /** The unquoted {@code name} keys of the context's MBeans of one type. */
    private static List<String> names(String context, String type) throws MalformedObjectNameException {
        return ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("org.apache.camel:context=" + context + ",type=" + type + ",*"), null)
                .stream().map(name -> ObjectName.unquote(name.getKeyProperty("name"))).toList();
    }
}
