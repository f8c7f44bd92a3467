package io.github.npmprovenance.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Whether an HTTPS registry asks TLS clients for a certificate. A registry that requires one and gets none refuses
 * the connection in a way Java reports only as a dropped one (over TLS 1.3 the refusal comes after the handshake:
 * "header parser received no bytes"); asked once, after such a failure, so that the message can say what is
 * missing. The client this asks with offers no certificate, and gives up after the request timeout.
 */
final class ClientCertificateRequest {
    private ClientCertificateRequest() {
    }

    /**
     * @param trust the authorities the registry's certificate is checked against; empty for the JVM's
     * @return whether the server asked for a client certificate in a direct TLS handshake with it; false when
     *     the handshake did not get that far (the host unreachable, its certificate not trusted)
     */
    static boolean asked(URI registry, Optional<X509TrustManager> trust, Duration timeout) {
        AtomicBoolean asked = new AtomicBoolean();
        X509ExtendedKeyManager recorder = new X509ExtendedKeyManager() {
            @Override
            public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
                asked.set(true);
                return null;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
                asked.set(true);
                return null;
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return null;
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return null;
            }
        };
        int port = registry.getPort() == -1 ? 443 : registry.getPort();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket plain = new Socket();
        // the read timeout bounds each wait, not the handshake: a registry sending its answer a byte at a time
        // would hold the question (and every package of it, waiting for the answer) for hours
        ScheduledFuture<?> deadline = HttpFetcher.WATCHDOG.schedule(() -> close(plain), millis,
                TimeUnit.MILLISECONDS);
        try (plain) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {recorder}, trust.map(t -> new TrustManager[] {t}).orElse(null), null);
            plain.connect(new InetSocketAddress(registry.getHost(), port), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, registry.getHost(), port,
                    true)) {
                tls.startHandshake();
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // how far the handshake got is the answer
        } finally {
            deadline.cancel(false);
        }
        return asked.get();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all the deadline can do
        }
    }
}
