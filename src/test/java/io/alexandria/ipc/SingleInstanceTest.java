package io.alexandria.ipc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.common.Json;
import io.alexandria.config.ApiKeyStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-instance hand-over without a window: the first claim serves, a second one forwards
 * its files to it, a stale endpoint file is taken over, a wrong token is refused, the endpoint is
 * owner-only and bound to loopback, and closing releases everything for the next launch.
 */
class SingleInstanceTest {
    @TempDir
    Path data;

    private static final Duration WAIT = Duration.ofSeconds(3);

    @Test
    void theSecondLaunchHandsItsFilesToTheFirst() throws Exception {
        SingleInstance.Claim first = SingleInstance.claim(data, new LaunchRequest(List.of()), WAIT);
        InstanceServer server = assertInstanceOf(SingleInstance.Primary.class, first).server();
        try {
            List<LaunchRequest> got = new CopyOnWriteArrayList<>();
            server.setHandler(got::add);
            Path book = Files.writeString(data.resolve("a book.txt"), "text");
            SingleInstance.Claim second = SingleInstance.claim(data, LaunchRequest.of(List.of(book)), WAIT);
            SingleInstance.Forwarded f = assertInstanceOf(SingleInstance.Forwarded.class, second);
            assertEquals(server.endpoint().port(), f.endpoint().port());
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
            assertEquals(List.of(book.toAbsolutePath().toString()), got.getFirst().files());
        } finally {
            server.close();
        }
    }

    @Test
    void requestsBeforeTheHandlerIsSetAreKeptAndDeliveredInOrder() throws Exception {
        InstanceServer server = ((SingleInstance.Primary) SingleInstance.claim(data, new LaunchRequest(List.of()),
                WAIT)).server();
        try {
            SingleInstance.claim(data, new LaunchRequest(List.of("/x/one.md")), WAIT);
            SingleInstance.claim(data, new LaunchRequest(List.of("/x/two.md")), WAIT);
            List<String> got = new CopyOnWriteArrayList<>();
            // the server answers before it delivers: wait until both are queued (the second claim returned)
            server.setHandler(r -> got.addAll(r.files()));
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
            assertEquals(List.of("/x/one.md", "/x/two.md"), got);
        } finally {
            server.close();
        }
    }

    @Test
    void theEndpointIsOwnerOnlyAndTheServerListensOnLoopbackOnly() throws Exception {
        InstanceServer server = ((SingleInstance.Primary) SingleInstance.claim(data, new LaunchRequest(List.of()),
                WAIT)).server();
        try {
            Path file = InstanceEndpoint.file(data);
            assertTrue(ApiKeyStore.isOwnerOnly(file), "instance.json readable by its owner only");
            assertTrue(server.address().isLoopbackAddress(), server.address().toString());
            String json = Files.readString(file);
            assertTrue(json.contains("\"port\":" + server.endpoint().port()), json);
            assertEquals(43, server.endpoint().token().length(), "32 random bytes, base64url");
        } finally {
            server.close();
        }
        assertFalse(Files.exists(InstanceEndpoint.file(data)), "the endpoint file goes with the instance");
    }

    @Test
    void aWrongTokenIsRefusedAndNothingIsDelivered() throws Exception {
        InstanceServer server = ((SingleInstance.Primary) SingleInstance.claim(data, new LaunchRequest(List.of()),
                WAIT)).server();
        try {
            List<LaunchRequest> got = new CopyOnWriteArrayList<>();
            server.setHandler(got::add);
            InstanceEndpoint forged = new InstanceEndpoint(server.endpoint().port(), "guessed", 1);
            IOException e = assertThrows(IOException.class,
                    () -> SingleInstance.send(forged, new LaunchRequest(List.of("/etc/passwd"))));
            assertTrue(e.getMessage().contains("wrong token"), e.getMessage());
            // a client that sends garbage is dropped too; the server keeps serving
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.endpoint().port()), 1000);
                s.getOutputStream().write("not json\n".getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                assertEquals(-1, s.getInputStream().read(), "connection closed without an answer");
            }
            SingleInstance.send(server.endpoint(), new LaunchRequest(List.of("/x/ok.md")));
            await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
            assertEquals(List.of("/x/ok.md"), got.getFirst().files());
        } finally {
            server.close();
        }
    }

    @Test
    void aStaleEndpointFromACrashedInstanceIsTakenOver() throws Exception {
        // a crashed instance leaves its file behind, pointing at a port nobody listens on, and no lock
        int closedPort;
        try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Files.createDirectories(data);
        Files.writeString(InstanceEndpoint.file(data), Json.write(new InstanceEndpoint(closedPort, "old", 99)));
        SingleInstance.Claim c = SingleInstance.claim(data, new LaunchRequest(List.of()), WAIT);
        InstanceServer server = assertInstanceOf(SingleInstance.Primary.class, c).server();
        try {
            assertEquals(server.endpoint(), InstanceEndpoint.read(data).orElseThrow(), "the new endpoint is published");
        } finally {
            server.close();
        }
    }

    @Test
    void aLockedButSilentInstanceIsReportedAfterTheWait() throws Exception {
        Files.createDirectories(data);
        try (FileChannel ch = FileChannel.open(data.resolve(SingleInstance.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            assertTrue(lock.isValid());
            IpcException e = assertThrows(IpcException.class,
                    () -> SingleInstance.claim(data, new LaunchRequest(List.of()), Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("already running") && e.getMessage().contains("does not answer"),
                    e.getMessage());
        }
    }

    @Test
    void afterCloseTheNextLaunchBecomesTheInstance() throws Exception {
        InstanceServer first = ((SingleInstance.Primary) SingleInstance.claim(data, new LaunchRequest(List.of()),
                WAIT)).server();
        first.close();
        SingleInstance.Claim next = SingleInstance.claim(data, new LaunchRequest(List.of()), WAIT);
        assertInstanceOf(SingleInstance.Primary.class, next).server().close();
    }
}
