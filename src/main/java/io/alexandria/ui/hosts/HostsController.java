package io.alexandria.ui.hosts;

import io.alexandria.events.EventStats;
import io.alexandria.events.HostStats;
import io.alexandria.ui.Formats;
import io.alexandria.ui.Fx;
import io.alexandria.ui.UiContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TableRow;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import io.alexandria.ui.Clipboards;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Hosts pane: per-host statistics from the event log (documents ingested, chunks, chunks per
 * wall-clock second and seconds per document — over the host's busy time, the union of its
 * documents' ingest intervals ({@link HostStats}) — errors, last activity) as a table and a bar
 * chart of a chosen figure. Loaded in the background when the pane is shown, as new events are
 * published while it is shown (at most every 2 s), and on Refresh.
 */
public final class HostsController {
    /** The figures the chart can show. */
    public enum Metric {
        BOOKS("Documents ingested", h -> h.books()), CHUNKS("Chunks", h -> h.chunks()),
        RATE("Chunks per second", HostStats::chunksPerSecond), ERRORS("Errors", h -> h.errors());

        final String label;
        final ToDoubleFunction<HostStats> value;

        Metric(String label, ToDoubleFunction<HostStats> value) {
            this.label = label;
            this.value = value;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final UiContext ctx;
    @FXML
    private Button hostsRefreshButton;
    @FXML
    private Label hostsStatus;
    @FXML
    private ComboBox<Metric> metric;
    @FXML
    private TableView<HostStats> hostTable;
    @FXML
    private TableColumn<HostStats, String> hostColumn;
    @FXML
    private TableColumn<HostStats, Long> booksColumn;
    @FXML
    private TableColumn<HostStats, Long> chunksColumn;
    @FXML
    private TableColumn<HostStats, String> rateColumn;
    @FXML
    private TableColumn<HostStats, String> avgColumn;
    @FXML
    private TableColumn<HostStats, Long> errorsColumn;
    @FXML
    private TableColumn<HostStats, Long> eventsColumn;
    @FXML
    private TableColumn<HostStats, String> lastColumn;
    @FXML
    private BarChart<String, Number> chart;
    @FXML
    private NumberAxis yAxis;
    private long seq;
    private boolean active;
    private io.alexandria.ui.Coalescer live;

    /** The pane's controller (created by {@link io.alexandria.ui.Views}). */
    public HostsController(UiContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        column(hostColumn, HostStats::hostname);
        column(booksColumn, HostStats::books);
        column(chunksColumn, HostStats::chunks);
        column(rateColumn, h -> Formats.rate(h.chunksPerSecond()));
        column(avgColumn, h -> String.format(Locale.ROOT, "%.2f", h.secondsPerDocument()));
        column(errorsColumn, HostStats::errors);
        column(eventsColumn, HostStats::events);
        column(lastColumn, h -> Formats.instant(h.lastActivity()));
        hostTable.setRowFactory(t -> {
            TableRow<HostStats> row = new TableRow<>();
            MenuItem copyHost = new MenuItem("Copy host name", new FontIcon("mdi2c-content-copy"));
            copyHost.setOnAction(e -> Clipboards.copy(row.getItem().hostname()));
            MenuItem copyRow = new MenuItem("Copy figures");
            copyRow.setOnAction(e -> Clipboards.copy(figures(row.getItem())));
            ContextMenu menu = new ContextMenu(copyHost, copyRow);
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(menu));
            return row;
        });
        metric.getItems().setAll(Metric.values());
        metric.setValue(Metric.BOOKS);
        metric.valueProperty().addListener((o, a, b) -> chart(hostTable.getItems()));
        chart.widthProperty().addListener((o, a, b) -> fitBars());
        live = new io.alexandria.ui.Coalescer(javafx.util.Duration.seconds(2), () -> {
            if (active) {
                refresh();
            }
        });
        ctx.model().eventsPublishedProperty().addListener((o, a, b) -> {
            if (active) {
                live.request();
            }
        });
    }

    private static <T> void column(TableColumn<HostStats, T> col, Function<HostStats, T> value) {
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }

    /** Whether the pane is the selected one (it then reloads as new events are published). */
    public void setActive(boolean on) {
        active = on;
    }

    /** The pane became visible: reload. */
    public void shown() {
        refresh();
    }

    /** Reloads the statistics in the background. */
    @FXML
    public CompletableFuture<EventStats> refresh() {
        long mine = ++seq;
        hostsStatus.setText("Loading…");
        hostsRefreshButton.setDisable(true);
        CompletableFuture<EventStats> f = ctx.session().call(s -> s.events().collectionExists()
                ? s.events().stats() : null);
        Fx.whenDone(f, stats -> {
            if (mine != seq) {
                return;
            }
            hostsRefreshButton.setDisable(false);
            List<HostStats> hosts = stats == null ? List.of() : List.copyOf(stats.hosts().values());
            hostTable.getItems().setAll(hosts);
            chart(hosts);
            hostsStatus.setText(stats == null ? "Nothing has been logged to this Qdrant yet."
                    : hosts.size() + (hosts.size() == 1 ? " host, " : " hosts, ")
                    + Formats.count(stats.totalBooksIngested()) + " documents ingested, "
                    + Formats.count(stats.totalChunksCreated()) + " chunks, " + Formats.count(stats.totalErrors())
                    + (stats.totalErrors() == 1 ? " error" : " errors") + " — updated " + Formats.time(Instant.now()));
        }, error -> {
            if (mine != seq) {
                return;
            }
            hostsRefreshButton.setDisable(false);
            hostsStatus.setText("Cannot load the statistics: " + Fx.describe(error));
        });
        return f;
    }

    private void chart(List<HostStats> hosts) {
        Metric m = metric.getValue() == null ? Metric.BOOKS : metric.getValue();
        yAxis.setLabel(m.label);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(m.label);
        for (HostStats h : hosts) {
            series.getData().add(new XYChart.Data<>(h.hostname(), m.value.applyAsDouble(h)));
        }
        chart.getData().setAll(List.of(series));
        fitBars();
    }

    /** Keeps bars at most about 90 px wide, however few hosts there are. */
    private void fitBars() {
        int n = Math.max(1, hostTable.getItems().size());
        double perCategory = Math.max(1, chart.getWidth() - 120) / n;
        chart.setCategoryGap(Math.max(10, perCategory - 90));
    }

    /** One host's figures as a line of text (for the clipboard). */
    static String figures(HostStats h) {
        return h.hostname() + ": " + Formats.count(h.books()) + " documents ingested, " + Formats.count(h.chunks())
                + " chunks, " + Formats.rate(h.chunksPerSecond()) + " chunks/s, " + Formats.count(h.errors())
                + " errors, last activity " + Formats.instant(h.lastActivity());
    }

    /** The hosts shown (JavaFX thread). */
    public List<HostStats> hosts() {
        return List.copyOf(hostTable.getItems());
    }
}
