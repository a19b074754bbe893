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

    @Test
    void refusesUserInfoWithoutRepeatingTheUrl() {
        for (String url : new String[] {"https://user:pa55word@nas.local:6334", "https://pa55word@nas.local",
            "nas.local:pa55word@other:6334", "https://user:pa55 word@nas.local:6334"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QdrantEndpoint.parse(url, null));
            assertTrue(e.getMessage().contains("must not contain a user name or password"), url + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("pa55"), e.getMessage());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> QdrantEndpoint.parse("http://pa55_word:6334", null));
        assertFalse(bad.getMessage().contains("pa55"), bad.getMessage());
    }
}
