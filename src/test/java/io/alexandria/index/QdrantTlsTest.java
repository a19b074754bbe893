package io.alexandria.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.cli.AlexandriaCommand;
import io.alexandria.testserver.QdrantTestServer;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * TLS to Qdrant, for real: a gRPC server with TLS on 127.0.0.1 (Netty, certificates made by the
 * JDK's {@code keytool} in the test, serving Qdrant's health check and collection list) and the
 * real client built by {@link QdrantConnector}. A self-signed certificate is refused as untrusted
 * until its file (PEM or DER) is trusted; a wrong host name, an expired certificate, a plaintext
 * server behind {@code https://} and a TLS server behind {@code http://} are each named in the
 * message {@link QdrantHealth} gives the CLI and the app; and the CLI's {@code --trust-cert} works.
 */
class QdrantTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path certs;
    @TempDir
    Path tmp;

    /** Makes the three certificates: good (127.0.0.1 and localhost), wrong host, expired. */
    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool("good", "san=dns:localhost,ip:127.0.0.1", "-validity", "30");
        keytool("wronghost", "san=dns:nas.example.org", "-validity", "30");
        keytool("expired", "san=dns:localhost,ip:127.0.0.1", "-startdate", "-10d", "-validity", "1");
    }

    private static void keytool(String name, String san, String... validity) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> gen = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "qdrant", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", san, "-keystore",
                certs.resolve(name + ".p12").toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        gen.addAll(List.of(validity));
        run(gen);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve(name + ".p12"))) {
            ks.load(in, PASSWORD);
        }
        byte[] der = ks.getCertificate("qdrant").getEncoded();
        Files.write(certs.resolve(name + ".der"), der);
        Files.writeString(certs.resolve(name + ".pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0, String.join(" ", cmd) + "\n" + out);
    }

    /** A TLS gRPC server on 127.0.0.1 answering Qdrant's health check and an empty collection list. */
    private static Server tlsServer(String certificate) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve(certificate + ".p12"))) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        ServerCredentials credentials = TlsServerCredentials.newBuilder().keyManager(kmf.getKeyManagers()).build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
                .addService(new QdrantGrpc.QdrantImplBase() {
                    @Override
                    public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
                        observer.onNext(HealthCheckReply.newBuilder().setTitle("qdrant - vector search engine")
                                .setVersion("1.18.0").build());
                        observer.onCompleted();
                    }
                })
                .addService(new CollectionsGrpc.CollectionsImplBase() {
                    @Override
                    public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
                        observer.onNext(ListCollectionsResponse.getDefaultInstance());
                        observer.onCompleted();
                    }
                })
                .build().start();
    }

    private static QdrantHealth.Result probe(QdrantEndpoint endpoint) {
        try (QdrantClient client = QdrantConnector.connect(endpoint, TIMEOUT)) {
            return QdrantHealth.check(client, endpoint);
        }
    }

    private static QdrantEndpoint https(Server server) {
        return QdrantEndpoint.parse("https://127.0.0.1:" + server.getPort(), null);
    }

    private static void stop(Server server) throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aSelfSignedCertificateIsUntrustedUntilItsFileIsTrusted() throws Exception {
        Server server = tlsServer("good");
        try {
            QdrantHealth.Result untrusted = probe(https(server));
            assertFalse(untrusted.reachable());
            assertTrue(untrusted.message().contains("certificate is not trusted")
                    && untrusted.message().contains("--trust-cert FILE"), untrusted.message());
            assertFalse(untrusted.message().contains("io exception"), untrusted.message());

            for (String file : List.of("good.pem", "good.der")) {
                QdrantHealth.Result trusted = probe(https(server).withTrustedCertificate(certs.resolve(file)));
                assertTrue(trusted.reachable(), file + ": " + trusted.message());
                assertEquals("1.18.0", trusted.version());
            }
        } finally {
            stop(server);
        }
    }

    @Test
    void aCertificateForAnotherHostIsNamedAsSuch() throws Exception {
        Server server = tlsServer("wronghost");
        try {
            QdrantHealth.Result r = probe(https(server).withTrustedCertificate(certs.resolve("wronghost.pem")));
            assertFalse(r.reachable());
            assertTrue(r.message().contains("certificate is not issued for 127.0.0.1"), r.message());
        } finally {
            stop(server);
        }
    }

    @Test
    void anExpiredCertificateIsNamedAsSuch() throws Exception {
        Server server = tlsServer("expired");
        try {
            QdrantHealth.Result r = probe(https(server).withTrustedCertificate(certs.resolve("expired.pem")));
            assertFalse(r.reachable());
            assertTrue(r.message().contains("certificate has expired"), r.message());
        } finally {
            stop(server);
        }
    }

    @Test
    void httpsToAPlaintextServerSaysUseHttp() {
        try (QdrantTestServer plain = QdrantTestServer.start()) {
            QdrantHealth.Result r = probe(QdrantEndpoint.parse("https://127.0.0.1:" + plain.port(), null));
            assertFalse(r.reachable());
            assertTrue(r.message().contains("answered without TLS; use http://"), r.message());
        }
    }

    @Test
    void httpToATlsServerSaysUseHttps() throws Exception {
        Server server = tlsServer("good");
        try {
            QdrantHealth.Result r = probe(QdrantEndpoint.parse("http://127.0.0.1:" + server.getPort(), null));
            assertFalse(r.reachable());
            assertTrue(r.message().contains("answered with TLS; use https://"), r.message());
        } finally {
            stop(server);
        }
    }

    @Test
    void aFileThatIsNoCertificateIsRefusedByName() throws IOException {
        Path notACert = tmp.resolve("notes.txt");
        Files.writeString(notACert, "hello");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TlsTrust.certificates(notACert));
        assertTrue(e.getMessage().contains(notACert.toString()), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TlsTrust.certificates(tmp.resolve("absent.pem")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    /** The CLI's {@code health}, in-process: stdout and stderr as one text, and the exit code. */
    private String health(String... extra) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cmd = AlexandriaCommand.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(List.of("health", "--data-dir", tmp.resolve("data").toString()));
            args.addAll(List.of(extra));
            cmd.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8) + err;
    }

    @Test
    void theCliTrustsACertificateFileWithTrustCert() throws Exception {
        Server server = tlsServer("good");
        try {
            String url = "https://127.0.0.1:" + server.getPort();
            String untrusted = health("--qdrant", url);
            assertTrue(untrusted.contains("certificate is not trusted"), untrusted);
            String trusted = health("--qdrant", url, "--trust-cert", certs.resolve("good.pem").toString());
            assertTrue(trusted.contains("Qdrant: ok"), trusted);
            String plain = health("--qdrant", "http://127.0.0.1:" + server.getPort(), "--trust-cert",
                    certs.resolve("good.pem").toString());
            assertTrue(plain.contains("--trust-cert is for an https:// Qdrant"), plain);
            String bad = health("--qdrant", url, "--trust-cert", tmp.resolve("absent.pem").toString());
            assertTrue(bad.contains("does not exist"), bad);
        } finally {
            stop(server);
        }
    }
}
