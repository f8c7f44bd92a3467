package io.github.npmprovenance.registry;

import io.github.npmprovenance.registry.NpmrcReader.AuthoritySetting;
import io.github.npmprovenance.registry.NpmrcReader.FileSettings;
import io.github.npmprovenance.registry.NpmrcReader.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities npm on Node trusts: those of npm's {@code ca} or {@code cafile}, else the JVM's with
 * those of {@code NODE_EXTRA_CA_CERTS}.
 */
record CertificateAuthorities(NpmrcEnvironment environment) {
    private static final String NEWLINES_IN_CA = "; newlines in a ca value are written \\n inside double quotes";

    /** See {@link NpmrcReader#trust}. */
    Optional<X509TrustManager> trust(FileSettings read, Path home) throws NpmrcException {
        Optional<AuthoritySetting> decides = decisive(read, home);
        if (decides.isPresent()) {
            List<Certificate> authorities = decides.get().isCafile()
                    ? cafile(decides.get().values().get(0), home) : ca(decides.get().values());
            try {
                return Optional.of(trusting(authorities));
            } catch (IOException | GeneralSecurityException e) {
                throw new NpmrcException(decides.get().values().get(0) + ": its certificates cannot be used ("
                        + describe(e) + ")");
            }
        }
        String extra = environment.get("NODE_EXTRA_CA_CERTS");
        if (extra == null || extra.isEmpty()) {
            return Optional.empty();
        }
        try {
            // Node keeps the certificates before one it cannot load, and warns
            // Node reads it where it runs, which is where npm runs
            List<Certificate> extras = PemCertificates.readLeading(environment.workingDirectory().resolve(extra));
            if (extras.isEmpty()) {
                return Optional.empty();
            }
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            List<Certificate> withExtras = new ArrayList<>(extras);
            for (TrustManager manager : jvm.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    withExtras.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return Optional.of(trusting(withExtras));
        } catch (IOException | GeneralSecurityException | InvalidPathException e) {
            // Node warns and goes on with its own authorities
            return Optional.empty();
        }
    }

    /**
     * The {@code ca} or {@code cafile} whose certificates replace the JVM's, as npm applies them
     * ({@link AuthoritySetting}: the global file's, the user's, the project's, then {@code NPM_CONFIG_CA} and
     * {@code NPM_CONFIG_CAFILE}); empty when none does: {@code ca=null} last, or only a {@code cafile} npm ignores.
     * Only this one is read, as only the last one applied counts in npm.
     */
    Optional<AuthoritySetting> decisive(FileSettings read, Path home) {
        List<AuthoritySetting> applied = new ArrayList<>(read.authorities());
        // npm's layer above the files; its order within the environment is the process's, which Java cannot see
        environment.setting("ca").ifPresent(s -> applied.add(new AuthoritySetting(false, List.of(s))));
        environment.setting("cafile").ifPresent(s -> applied.add(new AuthoritySetting(true, List.of(s))));
        Optional<AuthoritySetting> decides = Optional.empty();
        for (AuthoritySetting setting : applied) {
            if (!setting.isCafile()) {
                boolean isNull = setting.values().size() == 1
                        && IniText.jsTrim(setting.values().get(0).value()).equals("null");
                decides = isNull ? Optional.empty() : Optional.of(setting);
            } else if (!ignoredByNpm(setting.values().get(0), home)) {
                decides = Optional.of(setting);
            }
        }
        return decides;
    }

    /**
     * npm ignores a {@code cafile} that is not set, not there or holds nothing at all; one of blank lines makes its
     * ca an empty list, which trusts no authority, so it counts (as a file without a certificate).
     */
    private boolean ignoredByNpm(Setting cafile, Path home) {
        String value = IniText.jsTrim(cafile.value());
        if (List.of("", "null").contains(value)) {
            return true;
        }
        try {
            Path file = environment.homeRelative(value, home);
            return !Files.exists(file) || Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException | InvalidPathException e) {
            // reading it fails, and says why
            return false;
        }
    }

    /** The certificates of a {@code cafile} npm does not ignore ({@link #ignoredByNpm}). */
    private List<Certificate> cafile(Setting cafile, Path home) throws NpmrcException {
        Path file;
        try {
            file = environment.homeRelative(IniText.jsTrim(cafile.value()), home);
        } catch (InvalidPathException e) {
            // not the JVM's message: it quotes the value, which ${VAR} expansion may have filled with a secret
            throw new NpmrcException(cafile + ": not a path any file can have (a NUL character in it, say); the "
                    + "value is not printed, as ${VAR} expansion may have put a secret in it");
        }
        try {
            List<Certificate> authorities = PemCertificates.read(file);
            if (authorities.isEmpty()) {
                throw new NpmrcException(cafile + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in " + file);
            }
            return authorities;
        } catch (IOException | GeneralSecurityException e) {
            throw new NpmrcException(cafile + ": " + file + " cannot be read as certificates (" + describe(e) + ")");
        }
    }

    /**
     * The certificates of a {@code ca} setting other than {@code ca=null}. Text that holds no certificate (an empty
     * {@code ca=}, newlines written {@code \n} outside double quotes, which only a JSON string turns into newlines)
     * makes Node trust no authority at all: a configuration error here.
     */
    private static List<Certificate> ca(List<Setting> values) throws NpmrcException {
        List<Certificate> authorities = new ArrayList<>();
        for (Setting value : values) {
            try {
                authorities.addAll(PemCertificates.parse(value.value()));
            } catch (CertificateException e) {
                throw new NpmrcException(value + ": cannot be read as PEM certificates ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + NEWLINES_IN_CA
                        + ")");
            }
        }
        if (authorities.isEmpty()) {
            throw new NpmrcException(values.get(values.size() - 1) + ": no PEM certificate (-----BEGIN CERTIFICATE-----"
                    + NEWLINES_IN_CA + ")");
        }
        return authorities;
    }

    /**
     * The trust manager of these authorities alone. A trust manager rather than a TLS context: a registry with a
     * client certificate gets a context of its own ({@link HttpFetcher}), trusting the same.
     */
    private static X509TrustManager trusting(List<Certificate> authorities)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("authority-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new KeyStoreException("no X.509 trust manager");
    }

    /** The exception's kind and message: what the JVM says was wrong with the certificates. */
    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
