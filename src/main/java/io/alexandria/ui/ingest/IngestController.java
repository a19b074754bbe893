package io.alexandria.ui.ingest;

import io.alexandria.app.SessionStatus;
import io.alexandria.store.Stage;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.EngineProgress;
import io.alexandria.ui.Formats;
import io.alexandria.ui.OutcomeRow;
import io.alexandria.ui.UiContext;
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
 * The Ingest pane: the engine's state, current document and stage, queue depths per stage,
 * throughput and time left, pause and resume, Add books…, and the per-document outcomes of this
 * session with a text filter and an outcome filter; each row shows the document's path (a book's
 * file, a dropped file's location — looked up in the ledger in the background) and offers Open,
 * Show in folder and Copy in its context menu. Observes {@link io.alexandria.ui.SessionModel}.
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

        ingestSyncButton.disableProperty().bind(model.syncRunningProperty().or(Bindings.createBooleanBinding(
                () -> model.statusProperty().get() == null || !model.statusProperty().get().ready(),
                model.statusProperty())));
        ingestSyncButton.textProperty().bind(Bindings.when(model.syncRunningProperty())
                .then("Syncing…").otherwise("_Sync now"));
        pauseButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.progressProperty().get() == null, model.progressProperty()));

        model.progressProperty().addListener((o, a, p) -> show(p));
        model.statusProperty().addListener((o, a, s) -> showActivity());
        model.syncRunningProperty().addListener((o, a, b) -> showActivity());
        model.filesBeingAddedProperty().addListener((o, a, b) -> showActivity());
        show(model.progressProperty().get());
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

    private void showActivity() {
        var m = ctx.model();
        activity.setText(StatusTexts.activity(m.statusProperty().get(), m.progressProperty().get(),
                m.syncRunningProperty().get(), m.filesBeingAddedProperty().get()));
    }

    private void show(EngineProgress p) {
        showActivity();
        stateBadge.setText(StatusTexts.state(p));
        stateBadge.getStyleClass().removeIf(c -> c.startsWith("state-"));
        stateBadge.getStyleClass().add("state-" + StatusTexts.state(p));
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
        eta.setText(p.chunksToEmbed() == 0 ? "—" : Formats.duration(p.eta()));
        ingestOutbox.setText(Formats.count(p.outboxDepth()));
        pointDeletes.setText(Formats.count(p.pointDeletesQueued()));
        oldest.setText(Formats.duration(p.oldestWaiting()));
        pauseButton.setSelected(p.state() == EngineProgress.State.PAUSED);
        pauseButton.setText(p.state() == EngineProgress.State.PAUSED ? "_Resume" : "_Pause");
        pauseIcon.setIconLiteral(p.state() == EngineProgress.State.PAUSED ? "mdi2p-play" : "mdi2p-pause");
        boolean errors = !p.stageErrors().isEmpty();
        stageErrors.setVisible(errors);
        stageErrors.setManaged(errors);
        if (errors) {
            StringBuilder sb = new StringBuilder("Retrying — ");
            p.stageErrors().forEach((stage, msg) -> sb.append(stage).append(": ").append(msg).append("   "));
            stageErrors.setText(sb.toString().strip());
        }
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
        if (!r.reason().isBlank()) {
            MenuItem copyReason = new MenuItem("Copy reason");
            copyReason.setOnAction(e -> Clipboards.copy(r.reason()));
            menu.getItems().add(copyReason);
        }
        return menu;
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
