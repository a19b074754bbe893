package io.alexandria.embedding;

/**
 * Adds up the bytes of a multi-file download and tells a {@link DownloadListener}, at most every
 * 256 KB (and at every phase change). Thread-confined: one download thread.
 */
final class ProgressTracker {
    private static final long STEP = 256 * 1024;
    private final String task;
    private final DownloadListener listener;
    private long total;
    private long done;
    private long reported = -1;
    private String detail = "";

    ProgressTracker(String task, DownloadListener listener) {
        this.task = task;
        this.listener = listener == null ? DownloadListener.NONE : listener;
    }

    /** Sets the expected total ({@code -1}: unknown). */
    void total(long bytes) {
        this.total = bytes;
    }

    /** Reports a phase. */
    void phase(DownloadProgress.Phase phase, String detail) {
        this.detail = detail == null ? "" : detail;
        listener.progress(new DownloadProgress(task, phase, done, total, this.detail));
        reported = done;
    }

    /** Counts received bytes, reporting when enough arrived since the last report. */
    void add(long bytes) {
        done += bytes;
        if (done - reported >= STEP || (total > 0 && done >= total)) {
            listener.progress(new DownloadProgress(task, DownloadProgress.Phase.DOWNLOADING, done, total, detail));
            reported = done;
        }
    }

    /** Bytes received so far. */
    long done() {
        return done;
    }

    /** Reports the failure, then hands the exception back for throwing. */
    DownloadException failed(DownloadException e) {
        listener.progress(new DownloadProgress(task, DownloadProgress.Phase.FAILED, done, total, e.getMessage()));
        return e;
    }
}
