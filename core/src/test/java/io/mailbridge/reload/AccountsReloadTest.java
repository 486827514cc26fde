package io.mailbridge.reload;

import io.mailbridge.demo.LoopbackMailServer;
import io.mailbridge.status.AccountStatuses;
import io.mailbridge.support.RunningMailbridge;
import org.apache.camel.Route;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.mailbridge.reload.ReloadingApp.SALES;
import static io.mailbridge.reload.ReloadingApp.SUPPORT;
import static io.mailbridge.reload.ReloadingApp.mock;
import static io.mailbridge.reload.ReloadingApp.sales;
import static io.mailbridge.reload.ReloadingApp.start;
import static io.mailbridge.reload.ReloadingApp.subjectAt;
import static io.mailbridge.reload.ReloadingApp.support;
import static io.mailbridge.support.TestMail.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AccountsReloadTest {

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
    void an_account_added_to_the_file_gets_a_route_and_its_mail_flows() throws Exception {
        long uid = server.deliver(SALES, message("Quote for 300 seats"));
        Path accounts = support(server, "mock:support").writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true)) {
            sales(support(server, "mock:support"), "mock:sales").writeTo(dir);

            await().atMost(WAIT).until(() -> logs.text().contains("account 'sales' added: imaps://"));
            MockEndpoint sales = mock(app.camel(), "mock:sales");
            await().atMost(WAIT).until(() -> sales.getReceivedCounter() == 1);
            assertThat(subjectAt(sales, 0)).isEqualTo("Quote for 300 seats");
            await().atMost(WAIT).until(() -> server.isSeen(SALES, "INBOX", uid));
        }
    }

    @Test
    void after_its_to_changed_an_accounts_new_mail_goes_to_the_new_endpoint() throws Exception {
        Path accounts = support(server, "mock:first").writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true)) {
            MockEndpoint first = mock(app.camel(), "mock:first");
            server.deliver(SUPPORT, message("Before the edit"));
            await().atMost(WAIT).until(() -> first.getReceivedCounter() == 1);

            support(server, "mock:second").writeTo(dir);
            await().atMost(WAIT).until(() -> logs.text().contains("account 'support' changed: to"));
            server.deliver(SUPPORT, message("After the edit"));

            MockEndpoint second = mock(app.camel(), "mock:second");
            await().atMost(WAIT).until(() -> second.getReceivedCounter() == 1);
            assertThat(subjectAt(second, 0)).isEqualTo("After the edit");
            assertThat(first.getReceivedCounter()).as("the first message is not delivered again").isEqualTo(1);
        }
    }

    @Test
    void an_account_removed_from_the_file_loses_its_route_and_the_others_keep_running() throws Exception {
        Path accounts = sales(support(server, "mock:support"), "mock:sales").writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true)) {
            Route supportRoute = app.camel().getRoute("mail-support");
            support(server, "mock:support").writeTo(dir);
            await().atMost(WAIT).until(() -> logs.text().contains("account 'sales' removed (route mail-sales)"));

            long salesUid = server.deliver(SALES, message("Nobody reads this any more"));
            server.deliver(SUPPORT, message("Still read"));
            MockEndpoint support = mock(app.camel(), "mock:support");
            await().atMost(WAIT).until(() -> support.getReceivedCounter() == 1);
            assertThat(subjectAt(support, 0)).isEqualTo("Still read");
            assertThat(server.isSeen(SALES, "INBOX", salesUid)).isFalse();
            assertThat(app.camel().getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteDefinition("mail-sales")).as("the definition is gone too").isNull();
            assertThat(app.camel().getRegistry().lookupByNameAndType(AccountStatuses.BEAN, AccountStatuses.class)
                    .find("sales")).isEmpty();
            assertThat(app.camel().getRoute("mail-sales")).isNull();
            assertThat(app.camel().getRoute("mail-support")).as("not restarted").isSameAs(supportRoute);
        }
    }

    @Test
    void a_broken_edit_is_rejected_with_every_problem_and_the_routes_keep_delivering_until_it_is_fixed()
            throws Exception {
        Path accounts = support(server, "mock:support").writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true)) {
            support(server, "mock:elsewhere")
                    .account("sales", SALES, "{{test.sales}}", "sll", "false", "port", "70000").writeTo(dir);

            await().atMost(WAIT).until(() -> logs.text().contains("has 2 errors"));
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                    .contains(accounts + " has 2 errors:")
                    .contains(accounts + ": account 'sales': unknown field 'sll'; did you mean 'ssl'?")
                    .contains(accounts + ": account 'sales': port must be a whole number from 1 to 65535, was 70000")
                    .contains("The change is not applied");
            assertThat(app.camel().getRoute("mail-sales")).isNull();
            server.deliver(SUPPORT, message("Delivered while the file is broken"));
            MockEndpoint support = mock(app.camel(), "mock:support");
            await().atMost(WAIT).until(() -> support.getReceivedCounter() == 1);
            assertThat(mock(app.camel(), "mock:elsewhere").getReceivedCounter()).isZero();

            sales(support(server, "mock:support"), "mock:sales").writeTo(dir);
            await().atMost(WAIT).until(() -> logs.text().contains("account 'sales' added"));
            assertThat(app.camel().getRoute("mail-sales")).isNotNull();
        }
    }

    @Test
    void a_change_whose_route_cannot_start_is_rolled_back_to_the_previous_settings() throws Exception {
        Path accounts = support(server, "mock:support").writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true)) {
            support(server, "nosuchcomponent:anywhere").writeTo(dir);

            await().atMost(WAIT).until(() -> logs.text().contains("restoring the previous settings"));
            await().atMost(WAIT).until(() -> app.camel().getRoute("mail-support") != null);
            server.deliver(SUPPORT, message("Still delivered the old way"));
            MockEndpoint support = mock(app.camel(), "mock:support");
            await().atMost(WAIT).until(() -> support.getReceivedCounter() == 1);
        }
    }

    @Test
    void an_account_whose_route_id_belongs_to_a_pipeline_is_not_added_and_the_pipeline_stays() throws Exception {
        Files.writeString(dir.resolve("archive.camel.yaml"), """
                - route:
                    id: mail-archive
                    from:
                      uri: direct:archive
                      steps:
                        - to: mock:archive
                """);
        Path accounts = support(server, "mock:support").writeTo(dir);

        try (CapturedLogs logs = new CapturedLogs(); RunningMailbridge app = start(accounts, dir, true)) {
            support(server, "mock:support").account("archive", SALES, "{{test.sales}}").writeTo(dir);

            await().atMost(WAIT).until(() -> logs.text().contains("route id mail-archive is already used"));
            // the pipeline's input: direct:archive, through the seam that lets several pipelines share it
            assertThat(app.camel().getRoute("mail-archive").getEndpoint().getEndpointUri())
                    .isEqualTo("direct://mailbridge-flow-mail-archive");
        }
    }

    @Test
    void without_the_property_nothing_is_watched() throws Exception {
        Path accounts = support(server, "mock:support").writeTo(dir);

        try (RunningMailbridge app = start(accounts, dir, false)) {
            assertThat(app.camel().hasService(AccountsFileWatcher.class)).isNull();
            assertThat(app.camel().hasService(org.apache.camel.support.RouteWatcherReloadStrategy.class)).isNull();
        }
    }
}
