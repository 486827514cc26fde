package io.mailbridge.reload;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.route.AccountRouteTemplate;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.mailbridge.reload.ReloadingApp.SUPPORT;
import static io.mailbridge.reload.ReloadingApp.mock;
import static io.mailbridge.reload.ReloadingApp.start;
import static io.mailbridge.reload.ReloadingApp.subjectAt;
import static io.mailbridge.reload.ReloadingApp.support;
import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LoopbackMailServer server;

    @BeforeEach
    void startServer() {
        server = ReloadingApp.server();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void an_edited_pipeline_handles_the_next_message_and_the_account_routes_stay() throws Exception {
        writePipeline("mock:v1");
        Path accounts = support(server, "direct:mail").writeTo(dir);

        try (RunningMailbridge app = start(accounts, dir, true)) {
            MockEndpoint v1 = mock(app.camel(), "mock:v1");
            server.deliver(SUPPORT, message("Handled by version 1"));
            await().atMost(WAIT).until(() -> v1.getReceivedCounter() == 1);
            Route account = app.camel().getRoute("mail-support");
            Route pipeline = app.camel().getRoute("pipeline");

            writePipeline("mock:v2");
            await().atMost(WAIT).until(() -> app.camel().getRoute("pipeline") != pipeline
                    && app.camel().getRouteController().getRouteStatus("pipeline") == ServiceStatus.Started);
            server.deliver(SUPPORT, message("Handled by version 2"));

            MockEndpoint v2 = mock(app.camel(), "mock:v2");
            await().atMost(WAIT).until(() -> v2.getReceivedCounter() == 1);
            assertThat(subjectAt(v2, 0)).isEqualTo("Handled by version 2");
            assertThat(v1.getReceivedCounter()).isEqualTo(1);
            assertThat(app.camel().getRoute("mail-support")).as("the account route was not touched").isSameAs(account);
            assertThat(app.camel().getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteTemplateDefinition(AccountRouteTemplate.TEMPLATE_ID)).isNotNull();
        }
    }

    private void writePipeline(String to) throws IOException {
        Files.writeString(dir.resolve("pipeline.camel.yaml"), """
                - route:
                    id: pipeline
                    from:
                      uri: direct:mail
                      steps:
                        - to: %s
                """.formatted(to));
    }
}
