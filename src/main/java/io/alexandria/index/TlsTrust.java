package io.alexandria.index;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which TLS server certificates the Qdrant client accepts: the JDK's own authorities
 * ({@code cacerts}), the operating system's store where the JDK can read one (Windows:
 * {@code Windows-ROOT}; macOS: {@code KeychainStore}; Linux: the distribution's PEM bundle, e.g.
 * {@code /etc/ssl/certs/ca-certificates.crt}, where an administrator's own authority lands after
 * {@code update-ca-certificates}), and optionally one certificate file the user chose to trust (a
 * NAS's self-signed certificate, or the authority that signed it; PEM or DER, one or more
 * certificates).
 *
 * <p>The server is accepted when any of these stores accepts its chain <em>and</em> its host name
 * (each store's check includes the host name, as the TLS engine asks for HTTPS endpoint
 * identification), and its own certificate is within its validity period (checked here as well,
 * since a trusted self-signed certificate is its own anchor and PKIX does not check an anchor's
 * dates). When every store refuses, the most telling refusal is rethrown: a host-name mismatch or
 * an expired certificate before "not trusted".
 *
 * <p>The system stores are loaded once per process; a store the OS or the JDK does not have is
 * skipped. Only the Linux bundle and the JDK store are exercised by the tests (they run on Linux).
 */
public final class TlsTrust {
    private static final Logger LOG = LoggerFactory.getLogger(TlsTrust.class);
    /** Key store types of OS trust stores, tried in order; missing ones are skipped. */
    private static final List<String> OS_STORES = List.of("Windows-ROOT", "Windows-ROOT-LOCALMACHINE",
            "KeychainStore", "KeychainStore-ROOT");
    /** Linux distributions' PEM bundles of trusted authorities; the first readable one is used. */
    private static final List<Path> LINUX_BUNDLES = List.of(Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"), Path.of("/etc/ssl/ca-bundle.pem"), Path.of("/etc/ssl/cert.pem"));

    private TlsTrust() {
    }

    /** The JDK's and the OS's trust managers, loaded on first use. */
    private static final class SystemStores {
        static final List<X509ExtendedTrustManager> MANAGERS = load();

        private static List<X509ExtendedTrustManager> load() {
            List<X509ExtendedTrustManager> out = new ArrayList<>();
            try {
                out.addAll(managers(null));
            } catch (GeneralSecurityException e) {
                LOG.warn("the JDK's trusted certificate authorities cannot be read: {}", e.toString());
            }
            for (String type : OS_STORES) {
                try {
                    KeyStore store = KeyStore.getInstance(type);
                    store.load(null, null);
                    out.addAll(managers(store));
                    LOG.debug("trusting the {} store ({} entries)", type, store.size());
                } catch (GeneralSecurityException | IOException | RuntimeException notHere) {
                    LOG.trace("no {} store: {}", type, notHere.toString());
                }
            }
            for (Path bundle : LINUX_BUNDLES) {
                if (Files.isReadable(bundle)) {
                    try {
                        out.addAll(managers(keyStore(readCertificates(bundle))));
                        LOG.debug("trusting the authorities in {}", bundle);
                        break;
                    } catch (GeneralSecurityException | IOException e) {
                        LOG.debug("cannot read {}: {}", bundle, e.toString());
                    }
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * The trust manager for a TLS connection to Qdrant.
     *
     * @param trustedCertificate a certificate file to trust besides the system stores, or null
     * @throws IllegalArgumentException when that file cannot be read or holds no X.509 certificate
     *                                  (the message names the file)
     */
    public static X509ExtendedTrustManager trustManager(Path trustedCertificate) {
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        if (trustedCertificate != null) {
            try {
                managers.addAll(managers(keyStore(certificates(trustedCertificate))));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot use the certificate " + trustedCertificate + ": " + e.getMessage(), e);
            }
        }
        managers.addAll(SystemStores.MANAGERS);
        return new AnyOf(managers);
    }

    /**
     * Reads the certificates of a PEM or DER file (what the Settings field and {@code --trust-cert} accept).
     *
     * @return at least one certificate
     * @throws IllegalArgumentException when the file is missing or unreadable, or holds no certificate
     */
    public static List<X509Certificate> certificates(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the certificate file " + file + " does not exist");
        }
        try {
            List<X509Certificate> certs = readCertificates(file);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("the file " + file + " holds no certificate (PEM or DER expected)");
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("the file " + file + " is not a certificate (PEM or DER expected): "
                    + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return out;
        }
    }

    private static KeyStore keyStore(List<X509Certificate> certs) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < certs.size(); i++) {
            store.setCertificateEntry("trusted-" + i, certs.get(i));
        }
        return store;
    }

    private static List<X509ExtendedTrustManager> managers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        List<X509ExtendedTrustManager> out = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                out.add(x);
            }
        }
        return out;
    }

    /** Accepts what any delegate accepts, then checks the server certificate's dates. */
    private static final class AnyOf extends X509ExtendedTrustManager {
        private final List<X509ExtendedTrustManager> delegates;

        AnyOf(List<X509ExtendedTrustManager> delegates) {
            this.delegates = List.copyOf(delegates);
        }

        @FunctionalInterface
        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void any(X509Certificate[] chain, Check check) throws CertificateException {
            List<CertificateException> refusals = new ArrayList<>();
            for (X509ExtendedTrustManager tm : delegates) {
                try {
                    check.run(tm);
                    if (chain != null && chain.length > 0) {
                        chain[0].checkValidity(); // CertificateExpiredException / NotYetValidException
                    }
                    return;
                } catch (CertificateExpiredException | CertificateNotYetValidException dates) {
                    throw dates;
                } catch (CertificateException e) {
                    refusals.add(e);
                }
            }
            throw mostTelling(refusals);
        }

        /** A host-name mismatch (the chain was trusted), then expired dates, then the first refusal. */
        private static CertificateException mostTelling(List<CertificateException> refusals) {
            if (refusals.isEmpty()) {
                return new CertificateException("no trusted certificate authorities are available");
            }
            for (CertificateException e : refusals) {
                if (TlsFailure.isHostMismatch(e)) {
                    return e;
                }
            }
            for (CertificateException e : refusals) {
                if (TlsFailure.find(e, CertificateExpiredException.class) != null) {
                    return e;
                }
            }
            return refusals.getFirst();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            any(chain, tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            any(chain, tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            any(chain, tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            any(chain, tm -> tm.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            any(chain, tm -> tm.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            any(chain, tm -> tm.checkClientTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegates.stream().flatMap(tm -> Arrays.stream(tm.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
