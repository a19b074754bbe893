package io.alexandria.ui;

import io.alexandria.app.AppSession;
import io.alexandria.health.Verifier;
import io.alexandria.sync.ScanReport;
import io.alexandria.sync.SyncSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The window's commands on the engine (Sync now, Verify and repair, pause, resume, confirm held
 * deletions, retry a failed document): each runs in the background through {@link AppSession#call},
 * keeps the model's busy flags, and reports failures as notifications. With no vault or library
 * configured, Sync now does not run: it says what to do and opens the setup
 * ({@link #setOnSetUp}). Call on the JavaFX thread; never blocks.
 */
public final class SessionActions {
    /** How long Sync now waits for the pipeline to drain (work left queued then resumes by itself). */
    public static final Duration SYNC_MAX_WAIT = Duration.ofHours(12);
    private final SessionModel model;
    private final Notifier notifier;
    private Runnable onSetUp = () -> { };

    /** Actions on {@code model}'s session. */
    public SessionActions(SessionModel model, Notifier notifier) {
        this.model = model;
        this.notifier = notifier;
    }

    /** Runs a full sync (scan every source, wait until the pipeline is idle). */
    public CompletableFuture<SyncSummary> syncNow() {
        return syncNow(SYNC_MAX_WAIT);
    }

    /**
     * What opens the setup (choose a vault or a library): the Settings pane today, a first-run
     * flow later. Sync now with nothing configured and the not-set-up banner's button run it.
     */
    public void setOnSetUp(Runnable r) {
        this.onSetUp = r;
    }

    /** Opens the setup (see {@link #setOnSetUp}). */
    public void setUp() {
        onSetUp.run();
    }

    /**
     * Runs a full sync that waits at most {@code maxWait}. With no vault or library configured
     * nothing runs (and no sync is recorded): a notification says what to do and the setup opens;
     * the future then completes with null.
     */
    public CompletableFuture<SyncSummary> syncNow(Duration maxWait) {
        if (Boolean.FALSE.equals(model.setUpProperty().get())) {
            notifier.info("Nothing to sync yet", "Choose an Obsidian vault or a Calibre library first; Alexandria "
                    + "then keeps it searchable. Dropped books and notes are indexed as they arrive.");
            onSetUp.run();
            return CompletableFuture.completedFuture(null);
        }
        model.syncRunningProperty().set(true);
        CompletableFuture<SyncSummary> f = model.session().call(s -> s.engine().syncNow(false, maxWait));
        Fx.whenDone(f, summary -> {
            model.syncRunningProperty().set(false);
            model.lastSyncProperty().set(summary);
            model.pollHealthSoon();
            if (summary.failed() > 0) {
                notifier.warn("Sync finished with failures", summary.failed() + " of " + summary.documents()
                        + " documents could not be indexed; see the Ingest pane for the reasons.");
            }
            if (summary.message() != null) {
                notifier.warn("Sync", summary.message());
            }
        }, error -> {
            model.syncRunningProperty().set(false);
            notifier.error("Sync failed", Fx.describe(error));
        });
        return f;
    }

    /** Compares the ledger with Qdrant and queues repairs. */
    public CompletableFuture<Verifier.Report> verifyAndRepair() {
        model.verifyRunningProperty().set(true);
        CompletableFuture<Verifier.Report> f = model.session().call(s -> s.engine().verifyAndRepair());
        Fx.whenDone(f, report -> {
            model.verifyRunningProperty().set(false);
            model.pollHealthSoon();
            notifier.info("Verify and repair", describe(report));
        }, error -> {
            model.verifyRunningProperty().set(false);
            notifier.error("Verify and repair failed", Fx.describe(error));
        });
        return f;
    }

    /** A sentence about a verify report. */
    public static String describe(Verifier.Report r) {
        if (r.clean()) {
            return "Checked " + r.documentsChecked() + " documents: Qdrant matches the ledger.";
        }
        return "Checked " + r.documentsChecked() + " documents: " + r.mismatched().size() + " mismatched ("
                + r.missingPoints() + " points missing), " + r.orphanPoints() + " orphan points, " + r.failed()
                + " failed. Repairs are queued.";
    }

    /**
     * Tries a failed document again (its file may be readable now): it goes back to extraction in
     * the background; its new outcome appears in the document list.
     *
     * @return whether the document was failed and is queued again
     */
    public CompletableFuture<Boolean> retry(io.alexandria.store.DocumentKey key, String title) {
        CompletableFuture<Boolean> f = model.session().call(s -> s.engine().retry(key));
        Fx.whenDone(f, queued -> {
            if (!queued) {
                notifier.info("Nothing to retry", "“" + title + "” is no longer failed: it was indexed, changed or "
                        + "removed meanwhile.");
            }
        }, error -> notifier.error("Retry failed", Fx.describe(error)));
        return f;
    }

    /** Stops taking new work (the current unit finishes). */
    public CompletableFuture<Void> pause() {
        return quietly(model.session().call(s -> {
            s.engine().pause();
            return null;
        }), "Pause failed");
    }

    /** Resumes after a pause. */
    public CompletableFuture<Void> resume() {
        return quietly(model.session().call(s -> {
            s.engine().resume();
            return null;
        }), "Resume failed");
    }

    /** The user confirmed the held deletions: rescans and deletes what vanished. */
    public CompletableFuture<List<ScanReport>> confirmDeletes() {
        CompletableFuture<List<ScanReport>> f = model.session().call(s -> s.engine().confirmDeletes());
        Fx.whenDone(f, reports -> {
            model.pollHealthSoon();
            int n = reports.stream().mapToInt(ScanReport::deleting).sum();
            notifier.info("Deletions confirmed", n + (n == 1 ? " document is" : " documents are")
                    + " being removed from Qdrant.");
        }, error -> notifier.error("Deleting failed", Fx.describe(error)));
        return f;
    }

    private <T> CompletableFuture<T> quietly(CompletableFuture<T> f, String title) {
        Fx.whenDone(f, v -> {
        }, error -> notifier.error(title, Fx.describe(error)));
        return f;
    }
}
