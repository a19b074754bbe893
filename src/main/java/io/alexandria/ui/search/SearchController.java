package io.alexandria.ui.search;

import static io.qdrant.client.ConditionFactory.matchKeyword;

import io.alexandria.search.SearchHit;
import io.alexandria.sources.SourceKinds;
import io.alexandria.ui.Fx;
import io.alexandria.ui.UiContext;
import io.qdrant.client.grpc.Common.Filter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Search pane: embeds the question and queries Qdrant in the background, lists the closest
 * chunks with title, note path or book, heading / chapter / page and score, and opens a note in
 * Obsidian (where it is installed; else shows the note in its folder) or a book file with the
 * desktop. A failed search is shown as an error box, not as a status line.
 */
public final class SearchController {
    /** Results shown. */
    public static final int LIMIT = 10;
    private static final String ALL = "Everything";
    private static final String NOTES = "Notes";
    private static final String BOOKS = "Books";
    private static final String FILES = "Dropped files";
    private final UiContext ctx;
    @FXML
    private TextField question;
    @FXML
    private ComboBox<String> searchSource;
    @FXML
    private Button searchButton;
    @FXML
    private Label searchStatus;
    @FXML
    private ListView<SearchHit> searchResults;
    private long searchSeq;

    /** The pane's controller (created by {@link io.alexandria.ui.Views}). */
    public SearchController(UiContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        searchSource.getItems().setAll(ALL, NOTES, BOOKS, FILES);
        searchSource.getSelectionModel().select(ALL);
        searchResults.setCellFactory(v -> new HitCell(this::open, this::reveal, ctx.shell()::obsidianInstalled));
    }

    /** Focuses the question field. */
    public void focus() {
        question.requestFocus();
    }

    /** Runs a search for {@code text} (as if typed and Enter pressed). */
    public CompletableFuture<List<SearchHit>> search(String text) {
        question.setText(text);
        return runSearch();
    }

    @FXML
    private void search() {
        runSearch();
    }

    private CompletableFuture<List<SearchHit>> runSearch() {
        String q = question.getText() == null ? "" : question.getText().strip();
        if (q.isEmpty()) {
            showStatus("Type a question first.", false);
            return CompletableFuture.completedFuture(List.of());
        }
        long seq = ++searchSeq;
        String source = sourceKind(searchSource.getValue());
        showStatus("Searching…", false);
        searchButton.setDisable(true);
        long t0 = System.nanoTime();
        CompletableFuture<List<SearchHit>> f = ctx.session().call(s -> s.search().search(q, LIMIT,
                source == null ? null : Filter.newBuilder().addMust(matchKeyword("source", source)).build()));
        Fx.whenDone(f, hits -> {
            if (seq != searchSeq) {
                return;
            }
            searchButton.setDisable(false);
            searchResults.getItems().setAll(hits);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            showStatus(hits.isEmpty() ? "Nothing found." : hits.size() + " passages in "
                    + String.format(Locale.ROOT, "%.1f s", ms / 1000.0) + ", best first.", false);
        }, error -> {
            if (seq != searchSeq) {
                return;
            }
            searchButton.setDisable(false);
            searchResults.getItems().clear();
            String why = Fx.describe(error);
            showStatus(why.contains("NOT_FOUND") ? "Nothing is indexed yet: run Sync now first."
                    : "Search failed: " + why, true);
        });
        return f;
    }

    /** Shows a status line; an error stands out (a red box with an icon), never as small grey text. */
    private void showStatus(String text, boolean error) {
        searchStatus.setText(text);
        searchStatus.getStyleClass().removeAll("error-box", "muted");
        searchStatus.getStyleClass().add(error ? "error-box" : "muted");
        searchStatus.setGraphic(error ? new FontIcon("mdi2a-alert-circle-outline") : null);
        searchStatus.setAccessibleRoleDescription(error ? "alert" : null);
    }

    /** Whether the status line shows an error (tests). */
    public boolean statusIsError() {
        return searchStatus.getStyleClass().contains("error-box");
    }

    private static String sourceKind(String choice) {
        if (choice == null) {
            return null;
        }
        return switch (choice) {
            case NOTES -> SourceKinds.OBSIDIAN;
            case BOOKS -> SourceKinds.CALIBRE;
            case FILES -> SourceKinds.FILE;
            default -> null;
        };
    }

    private void open(SearchHit hit) {
        Optional<String> uri = OpenLinks.uri(hit, ctx.session().settings());
        if (uri.isEmpty()) {
            ctx.notifier().warn("Cannot open", "Alexandria does not know where “" + hit.title() + "” is on this "
                    + "computer (it may come from another host's vault).");
            return;
        }
        ctx.links().open(uri.get());
    }

    private void reveal(SearchHit hit) {
        Optional<java.nio.file.Path> file = OpenLinks.file(hit, ctx.session().settings());
        if (file.isEmpty()) {
            ctx.notifier().warn("Cannot show the file", "Alexandria does not know where “" + hit.title()
                    + "” is on this computer (it may come from another host's vault).");
            return;
        }
        ctx.shell().reveal(file.get());
    }

    /** The results shown (JavaFX thread). */
    public List<SearchHit> searchResults() {
        return List.copyOf(searchResults.getItems());
    }
}
