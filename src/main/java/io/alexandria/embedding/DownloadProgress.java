package io.alexandria.embedding;

import java.util.Locale;

/**
 * One progress report of a download (a model from the catalogue, the PyTorch native library).
 *
 * @param task       what is being fetched, for people, e.g. {@code "PyTorch 2.7.1 (CUDA cu128)"}
 * @param phase      where the download stands
 * @param bytesDone  bytes received so far (compressed bytes, as they come off the network)
 * @param bytesTotal bytes expected in all, or {@code -1} when the server does not say
 * @param detail     the file being fetched or a short note; never null (may be empty)
 */
public record DownloadProgress(String task, Phase phase, long bytesDone, long bytesTotal, String detail) {
    /** Where a download stands. */
    public enum Phase {
        /** Asking the server for the file list and sizes. */
        CONNECTING,
        /** Receiving bytes. */
        DOWNLOADING,
        /** Checking and unpacking what was received. */
        UNPACKING,
        /** Everything is in place. */
        DONE,
        /** It stopped; {@link #detail()} says why. */
        FAILED
    }

    public DownloadProgress {
        detail = detail == null ? "" : detail;
    }

    /** Share done in {@code [0, 1]}, or {@code -1} when the total is unknown. */
    public double fraction() {
        if (phase == Phase.DONE) {
            return 1;
        }
        if (bytesTotal <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) bytesDone / bytesTotal);
    }

    /** One line for a status bar or log, e.g. {@code "Downloading PyTorch: 512 MB of 2.4 GB (21%)"}. */
    public String describe() {
        return switch (phase) {
            case CONNECTING -> "Connecting to download " + task + "…";
            case DOWNLOADING -> bytesTotal > 0
                    ? String.format(Locale.ROOT, "Downloading %s: %s of %s (%d%%)", task, bytes(bytesDone),
                    bytes(bytesTotal), Math.round(fraction() * 100))
                    : "Downloading " + task + ": " + bytes(bytesDone);
            case UNPACKING -> "Unpacking " + task + "…";
            case DONE -> "Downloaded " + task;
            case FAILED -> "Download of " + task + " failed: " + detail;
        };
    }

    /** {@code 1536} → {@code "1.5 KB"}; decimal units (1 MB = 10^6 bytes). */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
