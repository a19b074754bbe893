package io.alexandria.ui.events;

import io.alexandria.events.EventPage;
import io.alexandria.events.EventQuery;
import io.alexandria.events.EventRecord;
import io.alexandria.events.EventService;
import io.alexandria.events.EventStats;
import io.alexandria.events.EventTypes;
import io.alexandria.events.PageCursor;
import io.alexandria.ui.Formats;
import io.alexandria.ui.Fx;
import io.alexandria.ui.UiContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;
import io.alexandria.ui.Clipboards;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Events pane: the event history from {@link EventService}, newest first, a page at a time;
 * filters by type, host, source, time and title words; the eventDetails of the selected event (an
 * error's message and stack trace); the selected document's whole history; export of what the
 * filters match to CSV or JSON. While shown, it reloads its first page as the engine publishes
 * new events ({@link io.alexandria.ui.SessionModel#eventsPublishedProperty()}, at most once a
 * second). Every query runs in the background.
 */
public final class EventsController {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventsController.class);
    /** Events per page. */
    public static final int PAGE = EventService.DEFAULT_PAGE;
    static final String ANY_HOST = "Any host";
    static final String ANY_SOURCE = "Any source";

    /** The time filter's choices. */
    enum Since {
        ANY("Any time", null), HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 hours", Duration.ofDays(1)),
        WEEK("Last 7 days", Duration.ofDays(7)), MONTH("Last 30 days", Duration.ofDays(30));

        final String label;
        final Duration age;

        Since(String label, Duration age) {
            this.label = label;
            this.age = age;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final UiContext ctx;
    @FXML
    private CheckComboBox<String> typeFilter;
    @FXML
    private ComboBox<String> hostFilter;
    @FXML
    private ComboBox<String> eventSource;
    @FXML
    private ComboBox<Since> timeFilter;
    @FXML
    private TextField titleFilter;
    @FXML
    private Button eventsRefreshButton;
    @FXML
    private Button exportButton;
    @FXML
    private Label eventsStatus;
    @FXML
    private Button backButton;
    @FXML
    private TableView<EventRecord> eventTable;
    @FXML
    private Label placeholder;
    @FXML
    private TableColumn<EventRecord, String> timeColumn;
    @FXML
    private TableColumn<EventRecord, String> typeColumn;
    @FXML
    private TableColumn<EventRecord, String> hostColumn;
    @FXML
    private TableColumn<EventRecord, String> sourceColumn;
    @FXML
    private TableColumn<EventRecord, String> titleColumn;
    @FXML
    private TableColumn<EventRecord, Long> chunksColumn;
    @FXML
    private TableColumn<EventRecord, String> durationColumn;
    @FXML
    private TableColumn<EventRecord, String> errorColumn;
    @FXML
    private Button moreButton;
    @FXML
    private Label eventsShown;
    @FXML
    private Label detailTitle;
    @FXML
    private Button historyButton;
    @FXML
    private TextArea eventDetails;
    @FXML
    private TitledPane stackPane;
    @FXML
    private TextArea stackTrace;
    private PageCursor next;
    private EventQuery query = EventQuery.all();
    private long loadSeq;
    private boolean historyMode;
    private boolean indexesChecked;
    private boolean updatingFilters;
    private boolean active;
    private io.alexandria.ui.Coalescer live;

    /** The pane's controller (created by {@link io.alexandria.ui.Views}). */
    public EventsController(UiContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        typeFilter.getItems().setAll(EventTypes.ALL);
        typeFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(String type) {
                return EventTypeNames.of(type);
            }

            @Override
            public String fromString(String name) {
                return EventTypes.ALL.stream().filter(t -> EventTypeNames.of(t).equals(name)).findFirst().orElse(name);
            }
        });
        hostFilter.getItems().setAll(ANY_HOST);
        hostFilter.setValue(ANY_HOST);
        eventSource.getItems().setAll(ANY_SOURCE, "obsidian", "calibre", "file");
        eventSource.setValue(ANY_SOURCE);
        timeFilter.getItems().setAll(Since.values());
        timeFilter.setValue(Since.ANY);
        column(timeColumn, e -> e.instant() == null ? e.timestamp() : Formats.instant(e.instant()));
        column(typeColumn, e -> EventTypeNames.of(e.eventType()));
        column(hostColumn, EventRecord::hostname);
        column(sourceColumn, EventRecord::source);
        column(titleColumn, EventRecord::title);
        chunksColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                EventTypes.INGEST_COMPLETE.equals(c.getValue().eventType()) ? c.getValue().chunksCreated() : null));
        column(durationColumn, e -> EventTypes.INGEST_COMPLETE.equals(e.eventType())
                ? String.format(Locale.ROOT, "%.2f", e.durationSec()) : "");
        column(errorColumn, e -> e.errorType() == null ? "" : e.errorType() + ": " + e.errorMsg());
        eventTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EventRecord item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("row-failed");
                setContextMenu(empty || item == null ? null : rowMenu(item));
                if (!empty && item != null && EventTypes.INGEST_ERROR.equals(item.eventType())) {
                    getStyleClass().add("row-failed");
                }
            }
        });
        eventTable.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> showDetails(e));
        typeFilter.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> filtersChanged());
        hostFilter.valueProperty().addListener((o, a, b) -> filtersChanged());
        eventSource.valueProperty().addListener((o, a, b) -> filtersChanged());
        timeFilter.valueProperty().addListener((o, a, b) -> filtersChanged());
        titleFilter.setOnAction(e -> filtersChanged());
        moreButton.setDisable(true);
        live = new io.alexandria.ui.Coalescer(javafx.util.Duration.seconds(1), this::liveRefresh);
        ctx.model().eventsPublishedProperty().addListener((o, a, b) -> {
            if (active && !historyMode) {
                live.request();
            }
        });
    }

    /**
     * New events were published while the pane is shown: reload the first page (the newest
     * events), keeping the selected event selected when it is still among them. A list the user
     * extended with more pages is left alone until Refresh (reloading it would lose their place).
     */
    private void liveRefresh() {
        if (!active || historyMode || eventTable.getItems().size() > PAGE) {
            return;
        }
        EventRecord selected = eventTable.getSelectionModel().getSelectedItem();
        refresh().thenAccept(page -> Fx.run(() -> {
            if (selected != null) {
                eventTable.getItems().stream().filter(e -> e.id().equals(selected.id())).findFirst()
                        .ifPresent(e -> eventTable.getSelectionModel().select(e));
            }
        }));
    }

    private static <T> void column(TableColumn<EventRecord, T> col, Function<EventRecord, T> value) {
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    /** Whether the pane is the selected one (it then reloads as new events are published). */
    public void setActive(boolean on) {
        active = on;
    }

    /** The pane became visible: load the first page. */
    public void shown() {
        if (!historyMode) {
            refresh();
        }
        refreshHosts();
    }

    private void filtersChanged() {
        if (!updatingFilters) {
            historyMode = false;
            refresh();
        }
    }

    /** The query the filters describe (relative times measured from now). */
    public EventQuery queryFromFilters() {
        EventQuery q = EventQuery.all().withTypes(List.copyOf(typeFilter.getCheckModel().getCheckedItems()));
        String host = hostFilter.getValue();
        if (host != null && !host.isBlank() && !ANY_HOST.equals(host)) {
            q = q.withHostname(host.strip());
        }
        String source = eventSource.getValue();
        if (source != null && !ANY_SOURCE.equals(source)) {
            q = q.withSource(source);
        }
        Since since = timeFilter.getValue();
        if (since != null && since.age != null) {
            q = q.withSince(Instant.now().minus(since.age));
        }
        String title = titleFilter.getText();
        if (title != null && !title.isBlank()) {
            q = q.withTitleText(title.strip());
        }
        return q;
    }

    /** Reloads the first page with the current filters. */
    @FXML
    public CompletableFuture<EventPage> refresh() {
        historyMode = false;
        backButton.setVisible(false);
        backButton.setManaged(false);
        query = queryFromFilters();
        next = null;
        return load(true);
    }

    /** Appends the next page. */
    @FXML
    public CompletableFuture<EventPage> loadMore() {
        return load(false);
    }

    private CompletableFuture<EventPage> load(boolean first) {
        long seq = ++loadSeq;
        EventQuery q = query;
        PageCursor after = first ? null : next;
        boolean checkIndexes = !indexesChecked;
        eventsStatus.setText("Loading events…");
        moreButton.setDisable(true);
        CompletableFuture<EventPage> f = ctx.session().call(s -> {
            EventService events = s.events();
            if (!events.collectionExists()) {
                return new EventPage(List.of(), null);
            }
            if (checkIndexes) {
                events.ensureIndexes();
            }
            return events.page(q, PAGE, after);
        });
        Fx.whenDone(f, page -> {
            if (seq != loadSeq) {
                return;
            }
            indexesChecked = true;
            if (first) {
                eventTable.getItems().setAll(page.events());
            } else {
                eventTable.getItems().addAll(page.events());
            }
            next = page.next();
            moreButton.setDisable(!page.hasMore());
            int n = eventTable.getItems().size();
            eventsShown.setText(n + (n == 1 ? " event shown" : " events shown") + (page.hasMore() ? ", more available" : ""));
            eventsStatus.setText(eventTable.getItems().isEmpty() ? "No events match the filters."
                    : "Newest first" + describe(q) + ".");
            placeholder.setText("No events match the filters.");
        }, error -> {
            if (seq != loadSeq) {
                return;
            }
            eventsStatus.setText("Cannot load events: " + Fx.describe(error));
            placeholder.setText("Events could not be loaded.");
        });
        return f;
    }

    private static String describe(EventQuery q) {
        List<String> parts = new ArrayList<>();
        if (!q.types().isEmpty()) {
            parts.add(String.join(", ", q.types().stream().map(EventTypeNames::of).toList()));
        }
        if (q.hostname() != null) {
            parts.add("host " + q.hostname());
        }
        if (q.source() != null) {
            parts.add("source " + q.source());
        }
        if (q.since() != null) {
            parts.add("since " + Formats.instant(q.since()));
        }
        if (q.titleText() != null) {
            parts.add("title with “" + q.titleText() + "”");
        }
        return parts.isEmpty() ? "" : " — " + String.join("; ", parts);
    }

    private void refreshHosts() {
        CompletableFuture<EventStats> f = ctx.session().call(s -> s.events().collectionExists() ? s.events().stats()
                : null);
        Fx.whenDone(f, stats -> {
            if (stats == null) {
                return;
            }
            updatingFilters = true;
            try {
                String current = hostFilter.getValue();
                List<String> hosts = new ArrayList<>();
                hosts.add(ANY_HOST);
                hosts.addAll(stats.hosts().keySet());
                hostFilter.getItems().setAll(hosts);
                hostFilter.setValue(current == null ? ANY_HOST : current);
            } finally {
                updatingFilters = false;
            }
        }, error -> LOG.info("cannot list the hosts for the filter (it keeps its entries): {}", Fx.describe(error)));
    }

    private void showDetails(EventRecord e) {
        if (e == null) {
            detailTitle.setText("Select an event to see its details");
            eventDetails.clear();
            stackPane.setVisible(false);
            stackPane.setManaged(false);
            historyButton.setDisable(true);
            return;
        }
        detailTitle.setText(EventTypeNames.of(e.eventType()) + " — " + (e.title() == null ? e.sourceId() : e.title()));
        eventDetails.setText(detailText(e));
        Object trace = e.payload().get("stacktrace");
        boolean hasTrace = trace != null && !trace.toString().isBlank();
        stackPane.setVisible(hasTrace);
        stackPane.setManaged(hasTrace);
        stackTrace.setText(hasTrace ? trace.toString() : "");
        historyButton.setDisable(e.source() == null || e.sourceId() == null || historyMode);
    }

    private ContextMenu rowMenu(EventRecord e) {
        var copyTitle = new MenuItem("Copy title",
                new FontIcon("mdi2c-content-copy"));
        copyTitle.setOnAction(x -> Clipboards.copy(e.title() == null ? e.sourceId() : e.title()));
        var copyId = new MenuItem("Copy document id");
        copyId.setOnAction(x -> Clipboards.copy(e.source() + ":" + e.sourceId()));
        var copyDetails = new MenuItem("Copy details");
        copyDetails.setOnAction(x -> Clipboards.copy(detailText(e)));
        var history = new MenuItem("Document history",
                new FontIcon("mdi2h-history"));
        history.setDisable(e.source() == null || e.sourceId() == null);
        history.setOnAction(x -> {
            eventTable.getSelectionModel().select(e);
            showHistory();
        });
        var menu = new ContextMenu(history, new SeparatorMenuItem(),
                copyTitle, copyId, copyDetails);
        if (e.errorType() != null) {
            var copyError = new MenuItem("Copy error");
            copyError.setOnAction(x -> Clipboards.copy(e.errorType() + ": " + e.errorMsg()));
            menu.getItems().add(copyError);
        }
        return menu;
    }

    /** The eventDetails text: the error first (when any), then every payload field but the stack trace. */
    static String detailText(EventRecord e) {
        StringBuilder sb = new StringBuilder();
        if (e.errorType() != null) {
            sb.append("Error: ").append(e.errorType()).append('\n').append(e.errorMsg()).append("\n\n");
        }
        Map<String, Object> fields = new LinkedHashMap<>(e.payload());
        fields.remove("stacktrace");
        fields.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString().strip();
    }

    /** Shows every event of the selected event's document, oldest first. */
    @FXML
    public CompletableFuture<List<EventRecord>> showHistory() {
        EventRecord e = eventTable.getSelectionModel().getSelectedItem();
        if (e == null || e.source() == null || e.sourceId() == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        long seq = ++loadSeq;
        String title = e.title() == null ? e.sourceId() : e.title();
        eventsStatus.setText("Loading the history of “" + title + "”…");
        CompletableFuture<List<EventRecord>> f = ctx.session().call(s -> s.events().history(e.source(), e.sourceId()));
        Fx.whenDone(f, events -> {
            if (seq != loadSeq) {
                return;
            }
            historyMode = true;
            query = EventQuery.document(e.source(), e.sourceId());
            eventTable.getItems().setAll(events);
            next = null;
            moreButton.setDisable(true);
            backButton.setVisible(true);
            backButton.setManaged(true);
            eventsShown.setText(events.size() + (events.size() == 1 ? " event" : " events"));
            eventsStatus.setText("History of “" + title + "” (" + e.source() + ":" + e.sourceId() + "), oldest first.");
        }, error -> eventsStatus.setText("Cannot load the history: " + Fx.describe(error)));
        return f;
    }

    @FXML
    private void backToAll() {
        refresh();
    }

    @FXML
    private void exportDialog() {
        List<FileChooser.ExtensionFilter> filters = List.of(
                new FileChooser.ExtensionFilter("CSV (spreadsheets)", "*.csv"),
                new FileChooser.ExtensionFilter("JSON", "*.json"));
        ctx.dialogs().saveFile(eventTable.getScene().getWindow(), "Export events", "alexandria-events.csv", filters)
                .ifPresent(this::export);
    }

    /**
     * Exports the events the filters match (all pages) to {@code file}, CSV or JSON by its
     * extension, in the background.
     *
     * @return how many were written
     */
    public CompletableFuture<Long> export(Path file) {
        EventQuery q = historyMode ? query : queryFromFilters();
        exportButton.setDisable(true);
        eventsStatus.setText("Exporting to " + file + "…");
        CompletableFuture<Long> f = ctx.session().call(s -> s.events().export(q, Long.MAX_VALUE, file));
        Fx.whenDone(f, n -> {
            exportButton.setDisable(false);
            eventsStatus.setText("Exported " + n + " events to " + file + ".");
            ctx.notifier().info("Events exported", n + " events written to " + file + ".");
        }, error -> {
            exportButton.setDisable(false);
            eventsStatus.setText("Export failed: " + Fx.describe(error));
            ctx.notifier().error("Export failed", Fx.describe(error));
        });
        return f;
    }

    /** The events shown (JavaFX thread). */
    public List<EventRecord> events() {
        return List.copyOf(eventTable.getItems());
    }
}
