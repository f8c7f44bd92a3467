package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The client certificates of the JVM's own key store: {@code javax.net.ssl.keyStore}, {@code keyStoreType},
 * {@code keyStorePassword} and {@code keyStoreProvider}, read as the JDK reads them for its default TLS context. A
 * run that trusts npm's {@code ca} or {@code cafile} has a TLS context of its own, which would otherwise drop them,
 * though whoever set them (a Jenkins agent's JVM options, {@code JAVA_OPTS}) meant every TLS connection to offer
 * them, as the JVM's default context does for a run without {@code ca} or {@code cafile}.
 */
final class JvmKeyStore {
    private JvmKeyStore() {
    }

    /**
     * The key store's key manager; empty when {@code javax.net.ssl.keyStore} is not set, as the JDK then has none
     * (nor for {@code NONE} without a type, such as PKCS11, that needs no file).
     *
     * @throws RegistryException the key store is set but cannot be read; the message names the property and the
     *     file, never the password
     */
    static Optional<KeyManager[]> keyManagers(UnaryOperator<String> properties) throws RegistryException {
        String file = properties.apply("javax.net.ssl.keyStore");
        if (file == null || file.isEmpty()) {
            return Optional.empty();
        }
        String type = properties.apply("javax.net.ssl.keyStoreType");
        String provider = properties.apply("javax.net.ssl.keyStoreProvider");
        String password = properties.apply("javax.net.ssl.keyStorePassword");
        char[] secret = password == null || password.isEmpty() ? null : password.toCharArray();
        try {
            String storeType = type == null || type.isEmpty() ? KeyStore.getDefaultType() : type;
            KeyStore store = provider == null || provider.isEmpty() ? KeyStore.getInstance(storeType)
                    : KeyStore.getInstance(storeType, provider);
            if (file.equals("NONE")) {
                store.load(null, secret);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    store.load(in, secret);
                }
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, secret);
            return Optional.of(factory.getKeyManagers());
        } catch (IOException | GeneralSecurityException | InvalidPathException e) {
            // the JDK's messages name the file or the store's type; "keystore password was incorrect" holds none
            throw new RegistryException(RegistryException.Kind.CLIENT_CERTIFICATE, "the JVM's key store (the system "
                    + "property javax.net.ssl.keyStore=" + file + ") cannot be used: "
                    + (e instanceof IOException io ? FileErrors.describe(io) : e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())), e);
        }
    }
}
