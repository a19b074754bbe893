package io.alexandria.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Network ports for tests. */
public final class Ports {
    private Ports() {
    }

    /** A local port nothing listens on (it was free a moment ago): an unreachable Qdrant. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
