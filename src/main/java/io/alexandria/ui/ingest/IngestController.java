package io.alexandria.ui.ingest;

import io.alexandria.app.SessionStatus;
import io.alexandria.store.Stage;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineProgress;
import io.alexandria.ui.Formats;
import io.alexandria.ui.OutcomeRow;
import io.alexandria.ui.UiContext;
import io.alexandria.ui.status.AppStatus;
import io.alexandria.ui.status.StatusTexts;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.MouseButton;
import io.alexandria.sources.SourceKinds;
import io.alexandria.ui.Clipboards;
import io.alexandria.ui.search.OpenLinks;
import java.nio.file.Path;
import java.util.Optional;
import org.controlsfx.control.CheckComboBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Ingest pane: the window's one state ({@link AppStatus}: badge and activity line), queue
 * depths per stage, throughput and the time left for all that waits, the current run's counts,
 * pause and resume, Add books…, and the per-document outcomes of this session with a text filter
 * and an outcome filter; each row shows the document's path (a book's file, a dropped file's
 * location — looked up in the ledger in the background) and offers Open, Show in folder and Copy
 * in its context menu, and Try again on a failed one. Observes {@link io.alexandria.ui.SessionModel}.
 */
public final class IngestController {
    private final UiContext ctx;
    @FXML
    private Button ingestSyncButton;
    @FXML
    private ToggleButton pauseButton;
    @FXML
    private FontIcon pauseIcon;
    @FXML
    private Label stateBadge;
    @FXML
    private Label activity;
    @FXML
    private ProgressBar runProgress;
    @FXML
    private Label runLine;
    @FXML
    private Label toExtract;
    @FXML
    private Label toEmbed;
    @FXML
    private Label toUpload;
    @FXML
    private Label toUpdate;
    @FXML
    private Label toDelete;
    @FXML
    private Label chunksToEmbed;
    @FXML
    private Label rate;
    @FXML
    private Label eta;
    @FXML
    private Label ingestOutbox;
    @FXML
    private Label pointDeletes;
    @FXML
    private Label oldest;
    @FXML
    private Label stageErrors;
    @FXML
    private TextField filterText;
    @FXML
    private CheckComboBox<DocumentOutcome.Kind> kindFilter;
    @FXML
    private Label shownCount;
    @FXML
    private TableView<OutcomeRow> outcomeTable;
    @FXML
    private TableColumn<OutcomeRow, String> timeColumn;
    @FXML
    private TableColumn<OutcomeRow, String> kindColumn;
    @FXML
    private TableColumn<OutcomeRow, String> titleColumn;
    @FXML
    private TableColumn<OutcomeRow, String> sourceColumn;
    @FXML
    private TableColumn<OutcomeRow, String> pathColumn;
    @FXML
    private TableColumn<OutcomeRow, Integer> chunksColumn;
    @FXML
    private TableColumn<OutcomeRow, String> reasonColumn;
    private FilteredList<OutcomeRow> filtered;
    private DocumentLocations locations;
    private Runnable onAddBooks = () -> { };

    /** The pane's controller (created by {@link io.alexandria.ui.Views}). */
    public IngestController(UiContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        var model = ctx.model();
        column(timeColumn, r -> Formats.time(r.at()));
        locations = new DocumentLocations(ctx);
        column(kindColumn, r -> OutcomeRow.kindName(r.kind()));
        column(titleColumn, OutcomeRow::title);
        column(sourceColumn, r -> sourceName(r.source()));
        column(pathColumn, r -> locations.display(r));
        pathColumn.setCellFactory(c -> new TableCell<>() {
            {
                setTextOverrun(OverrunStyle.LEADING_ELLIPSIS); // a long path keeps its file name in view
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        locations.versionProperty().addListener((o, a, b) -> outcomeTable.refresh());
        chunksColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().chunks()));
        column(reasonColumn, OutcomeRow::reason);
        outcomeTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(OutcomeRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("row-failed", "row-deleted");
                setTooltip(null);
                setContextMenu(empty || item == null ? null : rowMenu(item));
                if (!empty && item != null) {
                    if (item.kind() == DocumentOutcome.Kind.FAILED) {
                        getStyleClass().add("row-failed");
                        setTooltip(new Tooltip(item.reason()));
                    } else if (item.kind() == DocumentOutcome.Kind.DELETED) {
                        getStyleClass().add("row-deleted");
                    }
                }
            }
        });

        outcomeTable.setOnMouseClicked(e -> {
            OutcomeRow r = outcomeTable.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && r != null) {
                open(r);
            }
        });
        model.outcomes().addListener((ListChangeListener<OutcomeRow>) c -> locations.request(model.outcomes()));
        locations.request(model.outcomes());

        kindFilter.getItems().setAll(DocumentOutcome.Kind.values());
        kindFilter.getCheckModel().checkAll();
        kindFilter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DocumentOutcome.Kind k) {
                return k == null ? "" : OutcomeRow.kindName(k);
            }

            @Override
            public DocumentOutcome.Kind fromString(String s) {
                return DocumentOutcome.Kind.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        filtered = new FilteredList<>(model.outcomes());
        SortedList<OutcomeRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(outcomeTable.comparatorProperty());
        outcomeTable.setItems(sorted);
        filterText.textProperty().addListener((o, a, b) -> refilter());
        kindFilter.getCheckModel().getCheckedItems().addListener((ListChangeListener<DocumentOutcome.Kind>) c -> refilter());
        filtered.addListener((ListChangeListener<OutcomeRow>) c -> updateCount());
        updateCount();

        var st = model.appStatusProperty();
        ingestSyncButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !st.get().canSync(), st));
        ingestSyncButton.textProperty().bind(Bindings.when(model.syncRunningProperty())
                .then("Syncing…").otherwise("_Sync now"));
        pauseButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !st.get().canPause(), st));

        model.progressProperty().addListener((o, a, p) -> show(p));
        st.addListener((o, a, b) -> showState(b));
        show(model.progressProperty().get());
        showState(st.get());
    }

    private static <T> void column(TableColumn<OutcomeRow, T> col, Function<OutcomeRow, T> value) {
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    private void refilter() {
        String text = filterText.getText();
        Set<DocumentOutcome.Kind> kinds = kindFilter.getCheckModel().getCheckedItems().isEmpty()
                ? EnumSet.noneOf(DocumentOutcome.Kind.class)
                : EnumSet.copyOf(kindFilter.getCheckModel().getCheckedItems());
        filtered.setPredicate(r -> kinds.contains(r.kind()) && r.matches(text));
    }

    private void updateCount() {
        int all = ctx.model().outcomes().size();
        shownCount.setText(filtered.size() == all ? all + " shown" : filtered.size() + " of " + all + " shown");
    }

    /** The window's one state: the badge, the activity line and the pause button. */
    private void showState(AppStatus st) {
        activity.setText(st.line());
        stateBadge.setText(st.label());
        stateBadge.getStyleClass().removeIf(c -> c.startsWith("state-"));
        stateBadge.getStyleClass().add("state-" + st.kind().key());
        pauseButton.setSelected(st.paused());
        pauseButton.setText(st.paused() ? "_Resume" : "_Pause");
        pauseIcon.setIconLiteral(st.paused() ? "mdi2p-play" : "mdi2p-pause");
        showStageErrors(ctx.model().progressProperty().get(), st);
    }

    /** The engine's figures (queues, throughput, time left, the current run). */
    private void show(EngineProgress p) {
        if (p == null) {
            runProgress.setProgress(0);
            runLine.setText(ctx.model().statusProperty().get() == null ? ""
                    : statusLine(ctx.model().statusProperty().get()));
            for (Label l : new Label[] {toExtract, toEmbed, toUpload, toUpdate, toDelete, chunksToEmbed, rate, eta,
                ingestOutbox, pointDeletes, oldest}) {
                l.setText("—");
            }
            stageErrors.setVisible(false);
            stageErrors.setManaged(false);
            return;
        }
        runProgress.setProgress(StatusTexts.runProgress(p));
        runLine.setText(StatusTexts.runLine(p));
        toExtract.setText(count(p, Stage.DETECTED));
        toEmbed.setText(count(p, Stage.CHUNKED));
        toUpload.setText(count(p, Stage.EMBEDDED));
        toUpdate.setText(count(p, Stage.PAYLOAD));
        toDelete.setText(count(p, Stage.DELETING));
        chunksToEmbed.setText(Formats.count(p.chunksToEmbed()));
        rate.setText(Formats.rate(p.chunksPerSecond()));
        eta.setText(timeLeft(p));
        ingestOutbox.setText(Formats.count(p.outboxDepth()));
        pointDeletes.setText(Formats.count(p.pointDeletesQueued()));
        oldest.setText(Formats.duration(p.oldestWaiting()));
        showStageErrors(p, ctx.model().appStatusProperty().get());
    }

    /**
     * The failing stages, in red — except with nothing set up, where a Qdrant the engine has
     * nothing to send to is no alarm (the banner invites to choose a vault or library instead).
     */
    private void showStageErrors(EngineProgress p, AppStatus st) {
        boolean errors = p != null && !p.stageErrors().isEmpty() && st.kind() != AppStatus.Kind.NOT_SET_UP;
        stageErrors.setVisible(errors);
        stageErrors.setManaged(errors);
        if (errors) {
            boolean halted = p.reason() != null && p.reason().contains("halted");
            StringBuilder sb = new StringBuilder(halted ? "Halted until a retry — " : "Retrying — ");
            p.stageErrors().forEach((stage, msg) -> sb.append(stage).append(": ").append(msg).append("   "));
            stageErrors.setText(sb.toString().strip());
        }
    }

    /**
     * Time left for everything that waits (documents still to extract included: the engine
     * estimates their chunks from their size); "—" when nothing waits, "measuring…" until the
     * throughput is known.
     */
    static String timeLeft(EngineProgress p) {
        if (p.documentsWaiting() == 0 && p.chunksToEmbed() == 0) {
            return "—";
        }
        return p.eta() == null ? "measuring…" : Formats.duration(p.eta());
    }

    /** What the Time left figure shows now (tests). */
    public String timeLeftShown() {
        return eta.getText();
    }

    private static String statusLine(SessionStatus s) {
        return s.ready() ? "" : s.message();
    }

    private static String count(EngineProgress p, Stage s) {
        return Formats.count(p.documentsByStage().getOrDefault(s, 0));
    }

    @FXML
    private void syncNow() {
        ctx.actions().syncNow();
    }

    @FXML
    private void addBooks() {
        onAddBooks.run();
    }

    /** What the Add books… button does (the window's file chooser, then the drop path). */
    public void setOnAddBooks(Runnable r) {
        this.onAddBooks = r;
    }

    /** "Notes", "Books", "Files" for the Source column. */
    static String sourceName(String source) {
        return switch (source == null ? "" : source) {
            case SourceKinds.OBSIDIAN -> "Note";
            case SourceKinds.CALIBRE -> "Book";
            case SourceKinds.FILE -> "File";
            default -> source;
        };
    }

    /** The absolute file of a row: a note from the vault in the settings, else the ledger's location. */
    Optional<Path> fileOf(OutcomeRow r) {
        Optional<Path> known = locations.file(r);
        if (known.isPresent()) {
            return known;
        }
        var settings = ctx.session().settings();
        if (SourceKinds.OBSIDIAN.equals(r.source()) && settings != null && settings.vaultPath() != null) {
            return Optional.of(Path.of(settings.vaultPath()).resolve(r.sourceId()));
        }
        return Optional.empty();
    }

    /** Opens a row's document: a note in Obsidian when it is installed, else the file with its application. */
    void open(OutcomeRow r) {
        var settings = ctx.session().settings();
        if (SourceKinds.OBSIDIAN.equals(r.source()) && ctx.shell().obsidianInstalled() && settings != null
                && settings.vaultPath() != null) {
            ctx.shell().open(OpenLinks.obsidian(Path.of(settings.vaultPath()).getFileName().toString(), r.sourceId()));
            return;
        }
        Optional<Path> file = fileOf(r);
        if (file.isEmpty()) {
            ctx.notifier().warn("Cannot open", "Alexandria does not know where “" + r.title() + "” is on this computer.");
            return;
        }
        ctx.shell().open(file.get().toUri().toString());
    }

    private ContextMenu rowMenu(OutcomeRow r) {
        boolean note = SourceKinds.OBSIDIAN.equals(r.source());
        MenuItem open = new MenuItem(note && ctx.shell().obsidianInstalled() ? "Open in Obsidian" : "Open",
                new FontIcon("mdi2o-open-in-new"));
        open.setOnAction(e -> open(r));
        MenuItem reveal = new MenuItem("Show in folder", new FontIcon("mdi2f-folder-search-outline"));
        reveal.setOnAction(e -> fileOf(r).ifPresentOrElse(ctx.shell()::reveal, () -> ctx.notifier().warn(
                "Cannot show the file", "Alexandria does not know where “" + r.title() + "” is on this computer.")));
        boolean deleted = r.kind() == DocumentOutcome.Kind.DELETED;
        open.setDisable(deleted);
        reveal.setDisable(deleted);
        MenuItem copyTitle = new MenuItem("Copy title", new FontIcon("mdi2c-content-copy"));
        copyTitle.setOnAction(e -> Clipboards.copy(r.title()));
        MenuItem copyPath = new MenuItem("Copy path");
        copyPath.setOnAction(e -> Clipboards.copy(fileOf(r).map(Path::toString).orElse(locations.display(r))));
        ContextMenu menu = new ContextMenu(open, reveal, new SeparatorMenuItem(), copyTitle, copyPath);
        if (r.kind() == DocumentOutcome.Kind.FAILED) {
            MenuItem retry = new MenuItem("Try again", new FontIcon("mdi2r-refresh"));
            retry.setId("retryItem");
            retry.setOnAction(e -> retry(r));
            menu.getItems().addAll(0, java.util.List.of(retry, new SeparatorMenuItem()));
        }
        if (!r.reason().isBlank()) {
            MenuItem copyReason = new MenuItem("Copy reason");
            copyReason.setOnAction(e -> Clipboards.copy(r.reason()));
            menu.getItems().add(copyReason);
        }
        return menu;
    }

    /** Tries a failed row's document again (its new outcome arrives as a new row). */
    public java.util.concurrent.CompletableFuture<Boolean> retry(OutcomeRow r) {
        return ctx.actions().retry(r.key(), r.title());
    }

    /** The context menu a row shows (tests). */
    public ContextMenu menuFor(OutcomeRow r) {
        return rowMenu(r);
    }

    /** What the Path column shows for {@code row} (tests). */
    public String pathShown(OutcomeRow row) {
        return locations.display(row);
    }

    @FXML
    private void togglePause() {
        if (pauseButton.isSelected()) {
            ctx.actions().pause();
        } else {
            ctx.actions().resume();
        }
    }
}
