package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Asking a registry whether it asks for a client certificate, after a connection to it failed. */
class ClientCertificateRequestTest {
    @Test
    void aRegistryThatTricklesItsHandshakeIsGivenUpOnAfterTheTimeout() throws Exception {
        // a registry that dropped the request's connection, then answers the question one byte at a time, each
        // within the read timeout: a record of 16 KiB would take an hour, and every package of it waits behind
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> {
                try (Socket client = server.accept()) {
                    InputStream in = client.getInputStream();
                    in.read(new byte[4096]);
                    OutputStream out = client.getOutputStream();
                    // a handshake record of 16 KiB
                    out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                    for (int i = 0; i < 0x4000; i++) {
                        out.write(2);
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up
                }
            });
            trickler.setDaemon(true);
            trickler.start();
            URI registry = URI.create("https://127.0.0.1:" + server.getLocalPort() + "/");

            boolean asked = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> ClientCertificateRequest.asked(registry, Optional.empty(), Duration.ofSeconds(1)));

            assertThat(asked).isFalse();
        }
    }
}
