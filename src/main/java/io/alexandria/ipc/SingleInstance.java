package io.alexandria.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * One desktop app per data directory (after Cryptomator's IPC): a launch first tries to hand its
 * request to the instance already running there — the endpoint published in
 * {@code <dataDir>/instance.json}, loopback TCP plus a token — and when none answers, it takes
 * {@code <dataDir>/instance.lock} and becomes that instance ({@link InstanceServer}). A stale
 * endpoint file (a crashed instance) is ignored: nobody answers and the lock is free. Two launches
 * racing each other: one gets the lock, the other waits for its endpoint and hands over.
 */
public final class SingleInstance {
    /** The lock file's name in the data directory. */
    public static final String LOCK_FILE = "instance.lock";
    /** How long a connection attempt to the running instance may take, in ms. */
    static final int CONNECT_TIMEOUT_MS = 1000;
    private static final long RETRY_MS = 200;

    private SingleInstance() {
    }

    /** The outcome of {@link #claim}. */
    public sealed interface Claim permits Primary, Forwarded {
    }

    /**
     * This launch is the instance: it serves requests from later launches.
     *
     * @param server the listening server (close it when the app exits)
     */
    public record Primary(InstanceServer server) implements Claim {
    }

    /**
     * Another instance took the request; this launch should exit.
     *
     * @param endpoint where it runs
     */
    public record Forwarded(InstanceEndpoint endpoint) implements Claim {
    }

    /**
     * Hands {@code request} to the instance running on {@code dataDir}, or becomes that instance.
     *
     * @param wait how long to wait for an instance that holds the lock but has not published its
     *             endpoint yet (one starting at the same moment)
     * @throws IpcException when an instance holds the lock but does not answer within {@code wait},
     *                      or this one cannot listen
     */
    public static Claim claim(Path dataDir, LaunchRequest request, Duration wait) throws IpcException {
        long deadline = System.nanoTime() + wait.toNanos();
        IOException last = null;
        while (true) {
            Optional<InstanceEndpoint> published = InstanceEndpoint.read(dataDir);
            if (published.isPresent()) {
                try {
                    send(published.get(), request);
                    return new Forwarded(published.get());
                } catch (IOException e) {
                    last = e;
                }
            }
            try {
                Optional<InstanceServer> server = tryServe(dataDir);
                if (server.isPresent()) {
                    return new Primary(server.get());
                }
            } catch (IOException e) {
                throw new IpcException("cannot listen for other launches: " + e.getMessage(), e, false);
            }
            if (System.nanoTime() > deadline) {
                throw new IpcException("Alexandria is already running on " + dataDir + " but does not answer"
                        + (last == null ? "" : " (" + last.getMessage() + ")"), last, true);
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IpcException("interrupted while looking for the running instance", e, false);
            }
        }
    }

    private static Optional<InstanceServer> tryServe(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(InstanceServer.start(dataDir, channel, lock));
    }

    /**
     * Sends {@code request} to the instance at {@code endpoint} and waits for its answer.
     *
     * @throws IOException when it cannot be reached, refuses the token, or does not answer in time
     */
    static void send(InstanceEndpoint endpoint, LaunchRequest request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(InstanceServer.READ_TIMEOUT_MS);
            Wire.writeLine(s.getOutputStream(), new Wire.Request(endpoint.token(), request.files()));
            InputStream in = s.getInputStream();
            Wire.Reply reply = Wire.readLine(in, Wire.Reply.class);
            if (!reply.ok()) {
                throw new IOException("the running instance refused the request: " + reply.error());
            }
        }
    }
}
