package io.alexandria.testserver;

import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link QdrantTestServer} standalone, to try the app by hand without a Qdrant:
 * {@code mvn -q test-compile exec:java@qdrant-test-server -Dport=6334 [-DapiKey=KEY]}. Prints one
 * line, {@code Qdrant test server listening on http://127.0.0.1:PORT}, and serves until the JVM is
 * killed. Port 0 picks a free port. Data lives in memory only.
 */
public final class QdrantTestServerMain {
    private QdrantTestServerMain() {
    }

    /**
     * Starts the server; reads the {@code port} (default 6334) and {@code apiKey} system properties,
     * or {@code --port=N} / {@code --api-key=KEY} arguments.
     *
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        String port = System.getProperty("port", "6334");
        String apiKey = System.getProperty("apiKey");
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = arg.substring("--port=".length());
            } else if (arg.startsWith("--api-key=")) {
                apiKey = arg.substring("--api-key=".length());
            }
        }
        quietLogging();
        QdrantTestServer server = QdrantTestServer.start(Integer.parseInt(port.trim()), apiKey);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "qdrant-test-server-shutdown"));
        System.out.println("Qdrant test server listening on " + server.url()
                + (server.apiKey() != null ? " (api key required)" : ""));
        System.out.flush();
        stopped.await();
    }

    /** Without a logback configuration the root level is DEBUG; keep the console to warnings. */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root && System.getProperty("logback.configurationFile") == null) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
