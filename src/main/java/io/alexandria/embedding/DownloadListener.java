package io.alexandria.embedding;

import org.slf4j.Logger;

/**
 * Observes downloads the embedding engine makes (catalogue models, the PyTorch native library).
 * Called on the downloading thread, often (every 64 KB or so): implementations must be quick and
 * must hand UI updates to their own thread.
 */
@FunctionalInterface
public interface DownloadListener {
    /** Ignores every report. */
    DownloadListener NONE = progress -> { };

    /** One report; never null. */
    void progress(DownloadProgress progress);

    /**
     * A listener that logs at INFO level: each phase change, and downloads in 10% steps (or every
     * 100 MB when the size is unknown).
     */
    static DownloadListener logging(Logger log) {
        return new DownloadListener() {
            private DownloadProgress.Phase lastPhase;
            private String lastTask;
            private long lastStep = -1;

            @Override
            public synchronized void progress(DownloadProgress p) {
                long step = p.fraction() >= 0 ? Math.round(p.fraction() * 10) : p.bytesDone() / 100_000_000L;
                if (p.phase() != lastPhase || !p.task().equals(lastTask) || step != lastStep) {
                    log.info("{}", p.describe());
                    lastPhase = p.phase();
                    lastTask = p.task();
                    lastStep = step;
                }
            }
        };
    }
}
