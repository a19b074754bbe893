package io.alexandria.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.index.QdrantEndpoint;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings' trusted certificate: saved and loaded with the other settings (older files without
 * it still load), applied to {@code https://} endpoints only, and refused by name when the file is
 * not a certificate.
 */
class SettingsTrustedCertificateTest {
    @TempDir
    Path tmp;

    /** A real DER certificate: the first authority of the JDK's own trust store. */
    private Path someCertificate() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
            cacerts.load(in, null);
        }
        String alias = Collections.list(cacerts.aliases()).getFirst();
        Path file = tmp.resolve("nas.der");
        Files.write(file, cacerts.getCertificate(alias).getEncoded());
        return file;
    }

    @Test
    void savedLoadedAndAppliedToHttpsOnly() throws Exception {
        Path cert = someCertificate();
        SettingsStore store = new SettingsStore(tmp.resolve("settings.json"));
        store.save(Settings.defaults().withQdrantUrl("https://nas.local:6334").withTrustedCertificate(cert.toString()));
        Settings loaded = store.load();
        assertEquals(cert.toString(), loaded.trustedCertificate());
        QdrantEndpoint tls = loaded.endpoint(null);
        assertEquals(cert, tls.trustedCertificate());
        assertNull(loaded.withQdrantUrl("http://nas.local:6334").endpoint(null).trustedCertificate(),
                "a plaintext endpoint trusts nothing extra");
        assertEquals(cert.toString(), loaded.withModel("other").trustedCertificate(), "copies keep it");
    }

    @Test
    void anOlderSettingsFileWithoutTheFieldStillLoads() throws Exception {
        Path file = tmp.resolve("settings.json");
        Files.writeString(file, "{\"qdrantUrl\":\"https://nas.local:6334\",\"model\":\"bge-small-en-v1.5-q\"}");
        Settings s = new SettingsStore(file).load();
        assertEquals("https://nas.local:6334", s.qdrantUrl());
        assertNull(s.trustedCertificate());
        assertNull(s.endpoint(null).trustedCertificate());
    }

    @Test
    void aMissingOrBogusCertificateIsRefusedByName() throws Exception {
        Path bogus = tmp.resolve("bogus.pem");
        Files.writeString(bogus, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        Settings s = Settings.defaults().withQdrantUrl("https://nas.local:6334");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.withTrustedCertificate(bogus.toString()).endpoint(null));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> s.withTrustedCertificate(tmp.resolve("gone.pem").toString()).endpoint(null));
        assertTrue(missing.getMessage().contains("gone.pem") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
    }
}
