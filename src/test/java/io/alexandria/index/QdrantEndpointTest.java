package io.alexandria.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QdrantEndpointTest {
    @Test
    void parsesPlaintextAndTlsWithDefaultPort() {
        QdrantEndpoint plain = QdrantEndpoint.parse("http://nas.local", null);
        assertEquals("nas.local", plain.host());
        assertEquals(6334, plain.port());
        assertFalse(plain.tls());
        QdrantEndpoint tls = QdrantEndpoint.parse("https://qdrant.example.com:443", "secret");
        assertTrue(tls.tls());
        assertEquals(443, tls.port());
        assertEquals("https://qdrant.example.com:443", tls.url());
        assertEquals("127.0.0.1", QdrantEndpoint.parse("127.0.0.1:7000", null).host());
    }

    @Test
    void neverPrintsTheKey() {
        QdrantEndpoint e = QdrantEndpoint.parse("http://localhost:6334", "s3cr3t-key");
        assertFalse(e.toString().contains("s3cr3t"));
    }

    @Test
    void rejectsOtherSchemesAndBlank() {
        assertThrows(IllegalArgumentException.class, () -> QdrantEndpoint.parse("ftp://x", null));
        assertThrows(IllegalArgumentException.class, () -> QdrantEndpoint.parse(" ", null));
    }
}
