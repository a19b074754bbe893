package io.alexandria.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running instance's end: holds {@code <dataDir>/instance.lock} for its lifetime, listens on
 * an ephemeral TCP port bound to the loopback address only, and hands every request that carries
 * the published token to a handler (requests that arrive before a handler is set are kept and
 * delivered when it is). Each connection is served on its own virtual thread with a read timeout,
 * so a client that stalls holds up nobody.
 */
public final class InstanceServer implements AutoCloseable {
    /** How long a connection may take to send its request, in ms. */
    static final int READ_TIMEOUT_MS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceServer.class);
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocket socket;
    private final InstanceEndpoint endpoint;
    private final byte[] token;
    private final List<LaunchRequest> queued = new ArrayList<>();
    private Consumer<LaunchRequest> handler;
    private volatile boolean closed;

    private InstanceServer(Path dataDir, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.endpoint = InstanceEndpoint.create(socket.getLocalPort());
        this.token = endpoint.token().getBytes(StandardCharsets.UTF_8);
        try {
            endpoint.publish(dataDir);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Thread.ofPlatform().daemon().name("alexandria-ipc").start(this::acceptLoop);
        LOG.info("single instance: listening on {}", endpoint);
    }

    /** Starts serving for {@code dataDir}; the caller holds {@code lock} (on {@code channel}), which this server now owns. */
    static InstanceServer start(Path dataDir, FileChannel channel, FileLock lock) throws IOException {
        try {
            return new InstanceServer(dataDir, channel, lock);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** The published endpoint. */
    public InstanceEndpoint endpoint() {
        return endpoint;
    }

    /** The address the server listens on (always a loopback address). */
    public InetAddress address() {
        return socket.getInetAddress();
    }

    /**
     * Sets who handles requests (called on the connection's thread); requests that came before
     * are handed over now, in order.
     */
    public void setHandler(Consumer<LaunchRequest> h) {
        List<LaunchRequest> earlier;
        synchronized (this) {
            handler = h;
            earlier = List.copyOf(queued);
            queued.clear();
        }
        earlier.forEach(h);
    }

    private void deliver(LaunchRequest r) {
        Consumer<LaunchRequest> h;
        synchronized (this) {
            if (handler == null) {
                queued.add(r);
                return;
            }
            h = handler;
        }
        h.accept(r);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().name("alexandria-ipc-client").start(() -> serve(client));
            } catch (SocketException e) {
                if (!closed) {
                    LOG.warn("single instance: the listening socket failed: {}", e.toString());
                }
                return;
            } catch (IOException e) {
                LOG.warn("single instance: accept failed: {}", e.toString());
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            Wire.Request request = Wire.readLine(in, Wire.Request.class);
            byte[] given = request.token() == null ? new byte[0] : request.token().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(token, given)) {
                LOG.warn("single instance: refused a request with a wrong token");
                Wire.writeLine(client.getOutputStream(), new Wire.Reply(false, "wrong token"));
                return;
            }
            LaunchRequest r = new LaunchRequest(request.files());
            Wire.writeLine(client.getOutputStream(), new Wire.Reply(true, null));
            deliver(r);
        } catch (IOException | RuntimeException e) {
            LOG.debug("single instance: a request failed: {}", e.toString());
        }
    }

    /** Stops listening, removes the endpoint file (when it is still this server's) and releases the lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            if (InstanceEndpoint.read(dataDir).map(e -> e.token().equals(endpoint.token())).orElse(false)) {
                Files.deleteIfExists(InstanceEndpoint.file(dataDir));
            }
        } catch (IOException e) {
            LOG.debug("single instance: cannot remove the endpoint file: {}", e.toString());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
