package io.alexandria.embedding;

import ai.djl.util.Utils;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Plain HTTP(S) downloads with timeouts, offline mode and errors written for people. DJL's own
 * download helpers have no timeouts and no progress callbacks, so the embedding engine fetches
 * files itself and leaves them where DJL looks for them.
 *
 * <p>Offline mode is DJL's ({@code -Dai.djl.offline=true}, {@code -Doffline=true} or
 * {@code DJL_OFFLINE=true}, see {@link Utils#isOfflineMode()}), which the app turns off only when
 * the configured model or device needs a download. In offline mode nothing is attempted.
 */
public final class Downloader {
    /** Longest wait for a TCP connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Longest wait for the next bytes of an answer (a stalled transfer fails after this). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_TEXT_BYTES = 8 << 20;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final BooleanSupplier offline;

    /**
     * @param connectTimeout longest wait for a connection
     * @param readTimeout    longest wait for the next bytes
     * @param offline        answers true when downloads are forbidden (asked before each one)
     */
    public Downloader(Duration connectTimeout, Duration readTimeout, BooleanSupplier offline) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.offline = offline;
    }

    /** The app's downloader: standard timeouts, DJL's offline mode. */
    public static Downloader standard() {
        return new Downloader(CONNECT_TIMEOUT, READ_TIMEOUT, Utils::isOfflineMode);
    }

    /** Whether downloads are forbidden right now. */
    public boolean offline() {
        return offline.getAsBoolean();
    }

    /**
     * Fetches a small text file (a file list, a metadata document), UTF-8, at most 8 MB.
     *
     * @param task what it is for, for error messages (e.g. "the PyTorch file list")
     * @throws DownloadException offline, unreachable, timed out, HTTP error, or too large
     */
    public String fetchText(URI uri, String task) throws DownloadException {
        HttpURLConnection connection = open(uri, task, "GET");
        try (InputStream in = networkStream(connection, uri, task)) {
            byte[] bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
            if (bytes.length > MAX_TEXT_BYTES) {
                throw new DownloadException(DownloadException.Reason.CORRUPT,
                        "cannot download " + task + ": " + uri + " is larger than 8 MB", null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw networkFailure(e, uri, task);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * The size a server announces for a file (HTTP HEAD), without fetching it.
     *
     * @return bytes, or {@code -1} when the server does not say
     * @throws DownloadException offline, unreachable, timed out or HTTP error
     */
    public long size(URI uri, String task) throws DownloadException {
        HttpURLConnection connection = open(uri, task, "HEAD");
        try {
            checkStatus(connection, uri, task);
            return connection.getContentLengthLong();
        } catch (IOException e) {
            throw networkFailure(e, uri, task);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Downloads {@code uri} into {@code target} (replaced), optionally gunzipping on the fly.
     *
     * @param gunzip    true when the file is gzip-compressed and {@code target} gets the content
     * @param bytesRead told the number of network (compressed) bytes after every read
     * @throws DownloadException for every failure; a half-written {@code target} is deleted
     */
    public void fetch(URI uri, Path target, boolean gunzip, String task, LongConsumer bytesRead)
            throws DownloadException {
        HttpURLConnection connection = open(uri, task, "GET");
        boolean done = false;
        try (OutputStream out = createTarget(target, task)) {
            try (InputStream raw = networkStream(connection, uri, task);
                 InputStream counted = new CountingStream(raw, bytesRead);
                 InputStream in = gunzip ? new GZIPInputStream(counted, 1 << 16) : counted) {
                copy(in, out, uri, target, task);
            } catch (ZipException e) {
                throw new DownloadException(DownloadException.Reason.CORRUPT,
                        "cannot download " + task + ": " + uri + " is not valid gzip (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw networkFailure(e, uri, task);
            }
            done = true;
        } catch (IOException e) {
            throw localFailure(e, target, task);
        } finally {
            connection.disconnect();
            if (!done) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException ignored) {
                    // best effort: callers download into temporary folders they remove anyway
                }
            }
        }
    }

    private static OutputStream createTarget(Path target, String task) throws DownloadException {
        try {
            return Files.newOutputStream(target);
        } catch (IOException e) {
            throw localFailure(e, target, task);
        }
    }

    /** Copies until the end; network read errors propagate as IOException, write errors as DownloadException. */
    private static void copy(InputStream in, OutputStream out, URI uri, Path target, String task)
            throws IOException, DownloadException {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new DownloadException(DownloadException.Reason.CANCELLED,
                        "download of " + task + " from " + uri.getHost() + " was cancelled", null);
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw localFailure(e, target, task);
            }
        }
    }

    private HttpURLConnection open(URI uri, String task, String method) throws DownloadException {
        if (offline()) {
            throw new DownloadException(DownloadException.Reason.OFFLINE, "cannot download " + task
                    + ": offline mode is on, so nothing was fetched from " + uri.getHost(), null);
        }
        try {
            URLConnection c = uri.toURL().openConnection();
            if (!(c instanceof HttpURLConnection connection)) {
                throw new DownloadException(DownloadException.Reason.HTTP_ERROR,
                        "cannot download " + task + ": not an HTTP address: " + uri, null);
            }
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(true);
            connection.setRequestProperty("User-Agent", "Alexandria");
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new DownloadException(DownloadException.Reason.HTTP_ERROR,
                    "cannot download " + task + ": bad address " + uri + " (" + e.getMessage() + ")", e);
        }
    }

    private InputStream networkStream(HttpURLConnection connection, URI uri, String task)
            throws IOException, DownloadException {
        checkStatus(connection, uri, task);
        return connection.getInputStream();
    }

    private static void checkStatus(HttpURLConnection connection, URI uri, String task)
            throws IOException, DownloadException {
        int status = connection.getResponseCode();
        if (status >= 400 || status < 200) {
            throw new DownloadException(DownloadException.Reason.HTTP_ERROR, "cannot download " + task + ": "
                    + uri.getHost() + " answered HTTP " + status + (status == 404 ? " (not found)" : "")
                    + " for " + uri, null);
        }
    }

    private DownloadException networkFailure(IOException e, URI uri, String task) {
        String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        if (e instanceof UnknownHostException) {
            return new DownloadException(DownloadException.Reason.UNREACHABLE, "cannot download " + task
                    + ": host " + uri.getHost() + " not found (no network connection, or DNS is not working)", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new DownloadException(DownloadException.Reason.UNREACHABLE, "cannot download " + task
                    + ": cannot reach " + host + " (" + e.getMessage() + "); check the network connection", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new DownloadException(DownloadException.Reason.TIMEOUT, "cannot download " + task + ": "
                    + host + " stopped answering (no data for " + readTimeout.toSeconds() + " s; connection "
                    + "timeout " + connectTimeout.toSeconds() + " s); check the network connection", e);
        }
        return new DownloadException(DownloadException.Reason.UNREACHABLE,
                "cannot download " + task + " from " + host + ": " + e, e);
    }

    private static DownloadException localFailure(IOException e, Path target, String task) {
        return new DownloadException(DownloadException.Reason.LOCAL_IO,
                "cannot save " + task + " to " + target + ": " + e.getMessage(), e);
    }

    /** Reports every read's byte count. */
    private static final class CountingStream extends FilterInputStream {
        private final LongConsumer bytesRead;

        CountingStream(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead.accept(n);
            }
            return n;
        }
    }
}
