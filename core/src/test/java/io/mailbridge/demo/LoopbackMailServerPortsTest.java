package io.mailbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports of the loopback server: dynamic, distinct, and bound to 127.0.0.1. */
class LoopbackMailServerPortsTest {

    @Test
    void two_servers_started_at_once_listen_on_different_ports() {
        try (LoopbackMailServer one = LoopbackMailServer.start();
             LoopbackMailServer two = LoopbackMailServer.start()) {
            List<Integer> ports = List.of(one.imapsPort(), one.imapPort(), one.smtpPort(),
                two.imapsPort(), two.imapPort(), two.smtpPort());

            assertThat(ports).doesNotHaveDuplicates().allMatch(port -> port > 0);
            assertThat(one.host()).isEqualTo("127.0.0.1");
        }
    }
}
