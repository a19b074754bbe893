package io.alexandria.ui.drop;

import io.alexandria.sync.SyncEngine.DropResult;
import io.alexandria.ui.Fx;
import io.alexandria.ui.Notifier;
import io.alexandria.ui.SessionModel;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Drag and drop of book and note files (EPUB, PDF, TXT, MD … or folders of them) onto the window:
 * they are ingested as source {@code file} through {@code SyncEngine.ingestFiles}, on a background
 * thread, one drop after the other (a drop never overtakes or loses an earlier one); unsupported
 * files are refused with a notification naming them. {@link #drop(List)} is the plain method
 * behind the drag events, callable from any thread.
 */
public final class FileDropHandler {
    /** Most refused file names a notification lists before "and N more". */
    static final int MAX_NAMED = 8;
    private final SessionModel model;
    private final Notifier notifier;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    /** A handler that queues drops into {@code model}'s session and reports through {@code notifier}. */
    public FileDropHandler(SessionModel model, Notifier notifier) {
        this.model = model;
        this.notifier = notifier;
    }

    /**
     * Ingests dropped files and folders in the background, after any earlier drop.
     *
     * @return the accepted and refused files (folders expanded)
     */
    public synchronized CompletableFuture<DropResult> drop(List<Path> paths) {
        List<Path> files = List.copyOf(paths);
        Fx.run(() -> model.filesBeingAddedProperty().set(model.filesBeingAddedProperty().get() + files.size()));
        CompletableFuture<DropResult> f = tail.handle((v, e) -> null)
                .thenCompose(x -> model.session().call(s -> s.engine().ingestFiles(files)));
        tail = f;
        Fx.whenDone(f, result -> {
            done(files.size());
            report(result);
        }, error -> {
            done(files.size());
            notifier.error("Cannot add the dropped files", Fx.describe(error));
        });
        return f;
    }

    private void done(int n) {
        model.filesBeingAddedProperty().set(Math.max(0, model.filesBeingAddedProperty().get() - n));
    }

    private void report(DropResult r) {
        if (!r.accepted().isEmpty()) {
            int n = r.accepted().size();
            notifier.info("Adding files", n + (n == 1 ? " file is" : " files are") + " being indexed.");
        }
        if (!r.refused().isEmpty()) {
            notifier.warn(r.refused().size() == 1 ? "A file was not added" : r.refused().size() + " files were not added",
                    refusedText(r.refused()));
        }
    }

    /** "Not added: a.exe (unsupported file type (.exe)), b.zip (…) and 3 more." */
    public static String refusedText(Map<Path, String> refused) {
        List<String> parts = new ArrayList<>();
        for (var e : refused.entrySet()) {
            if (parts.size() == MAX_NAMED) {
                break;
            }
            Path name = e.getKey().getFileName();
            parts.add((name == null ? e.getKey() : name) + " (" + e.getValue() + ")");
        }
        int more = refused.size() - parts.size();
        return "Not added: " + String.join(", ", parts) + (more > 0 ? " and " + more + " more" : "") + ".";
    }

    /**
     * Makes {@code target} accept file drops; {@code overlay} is shown while files are dragged
     * over it. Filters (not handlers) so that no control inside swallows the drop.
     */
    public void install(Node target, Node overlay) {
        target.addEventFilter(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventFilter(DragEvent.DRAG_ENTERED, e -> {
            if (e.getDragboard().hasFiles()) {
                overlay.setVisible(true);
            }
        });
        target.addEventFilter(DragEvent.DRAG_EXITED, e -> overlay.setVisible(false));
        target.addEventFilter(DragEvent.DRAG_DROPPED, e -> {
            Dragboard board = e.getDragboard();
            overlay.setVisible(false);
            if (!board.hasFiles()) {
                return;
            }
            List<Path> paths = board.getFiles().stream().map(File::toPath).toList();
            drop(paths);
            e.setDropCompleted(!paths.isEmpty());
            e.consume();
        });
    }
}
