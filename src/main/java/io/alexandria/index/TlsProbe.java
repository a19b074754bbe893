package io.alexandria.index;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Tells whether a server speaks TLS, for the one failure the client cannot tell by itself: a
 * plaintext ({@code http://}) client talking to a TLS server usually sees only "Network closed for
 * unknown reason". The probe opens a TCP connection and sends a TLS ClientHello; a server that
 * answers with its certificate speaks TLS. The handshake is aborted right there: the probe's trust
 * manager only notes that a certificate arrived and refuses it, so no data, API key or request is
 * ever sent.
 */
final class TlsProbe {
    private TlsProbe() {
    }

    /**
     * Whether {@code host:port} answers a TLS ClientHello with a certificate.
     *
     * @param timeout bound for the connect and for each read
     * @return false as well when the server cannot be reached
     */
    static boolean speaksTls(String host, int port, Duration timeout) {
        AtomicBoolean sawCertificate = new AtomicBoolean();
        X509ExtendedTrustManager noting = new X509ExtendedTrustManager() {
            private void note() throws CertificateException {
                sawCertificate.set(true);
                throw new CertificateException("probe only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                note();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                note();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                note();
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                throw new CertificateException("probe only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                throw new CertificateException("probe only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("probe only");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        int ms = (int) Math.max(1, timeout.toMillis());
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(host, port), ms);
            raw.setSoTimeout(ms);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {noting}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
                tls.startHandshake();
            }
            return true;
        } catch (IOException | GeneralSecurityException e) {
            return sawCertificate.get();
        }
    }
}
