package io.mailbridge.pipeline;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.reload.LiveReload;
import io.mailbridge.support.AccountsFile;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SeamReloadTest {

    private static final String SUPPORT = "support@example.com";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = LoopbackMailServer.start();
        server.addUser(SUPPORT, "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void an_edited_and_an_added_pipeline_file_keep_every_route_on_direct_mail() throws Exception {
        pipeline("a", "direct:mail", "mock:a");
        pipeline("b", "direct:mail", "mock:b");

        try (RunningMailbridge app = start()) {
            CamelContext camel = app.camel();
            MockEndpoint b = camel.getEndpoint("mock:b", MockEndpoint.class);
            long first = server.deliver(SUPPORT, message("First"));
            awaitSeen(first);
            assertThat(received(camel, "mock:a", "mock:b")).containsExactly(1, 1);

            Route before = camel.getRoute("b");
            pipeline("b", "direct:mail", "mock:b2");
            awaitReloaded(camel, "b", before);
            pipeline("c", "direct:mail", "mock:c");
            awaitReloaded(camel, "c", null);
            long second = server.deliver(SUPPORT, message("Second"));
            awaitSeen(second);

            assertThat(received(camel, "mock:a", "mock:b2", "mock:c")).containsExactly(2, 1, 1);
            assertThat(b.getReceivedCounter()).as("the replaced version of b").isEqualTo(1);
            assertThat(camel.getRoutes()).extracting(Route::getRouteId)
                    .filteredOn(id -> id.startsWith(SeamFlows.SEAM_ROUTE_PREFIX)).containsExactly("mailbridge-seam-mail");
        }
    }

    @Test
    void a_route_reloaded_onto_another_endpoint_no_longer_gets_the_mail() throws Exception {
        pipeline("a", "direct:mail", "mock:a");
        pipeline("b", "direct:mail", "mock:b");

        try (RunningMailbridge app = start()) {
            CamelContext camel = app.camel();
            Route before = camel.getRoute("b");
            pipeline("b", "direct:elsewhere", "mock:b");
            awaitReloaded(camel, "b", before);
            long uid = server.deliver(SUPPORT, message("Only for a"));
            awaitSeen(uid);

            assertThat(received(camel, "mock:a", "mock:b")).containsExactly(1, 0);
        }
    }

    private RunningMailbridge start() throws Exception {
        Path accounts = new AccountsFile(server).account("support", SUPPORT, "{{test.pw}}").writeTo(dir);
        return RunningMailbridge.start(accounts, dir, Map.of("test.pw", "secret",
                "mailbridge.dataDir", dir.resolve("data").toString(), LiveReload.ENABLED, "true"));
    }

    private void pipeline(String id, String from, String to) throws IOException {
        Files.writeString(dir.resolve(id + ".camel.yaml"), """
                - route:
                    id: %s
                    from:
                      uri: %s
                      steps:
                        - to: %s
                """.formatted(id, from, to));
    }

    private void awaitSeen(long uid) {
        await().atMost(WAIT).until(() -> server.isSeen(SUPPORT, "INBOX", uid));
    }

    private static void awaitReloaded(CamelContext camel, String id, Route before) {
        await().atMost(WAIT).until(() -> camel.getRoute(id) != null && camel.getRoute(id) != before
                && camel.getRouteController().getRouteStatus(id) == ServiceStatus.Started);
    }

    private static int[] received(CamelContext camel, String... mocks) {
        int[] counts = new int[mocks.length];
        for (int i = 0; i < mocks.length; i++) {
            counts[i] = camel.getEndpoint(mocks[i], MockEndpoint.class).getReceivedCounter();
        }
        return counts;
    }
}
