package io.alexandria.ui;

import io.alexandria.app.AppSession;
import io.alexandria.app.SessionStatus;
import io.alexandria.ui.drop.FileDropHandler;
import io.alexandria.ui.events.EventsController;
import io.alexandria.ui.health.HealthController;
import io.alexandria.ui.hosts.HostsController;
import io.alexandria.ui.ingest.IngestController;
import io.alexandria.ui.search.SearchController;
import io.alexandria.ui.settings.SettingsController;
import io.alexandria.ui.status.StatusTexts;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.controlsfx.control.MaskerPane;
import org.controlsfx.control.StatusBar;

/**
 * The main window ({@code main.fxml}): a banner when something needs the user's attention (Qdrant
 * unreachable, a start that failed, deletions on hold), the panes as tabs, a masker while the
 * engine starts, the status bar (activity, Qdrant connection, watch state) and file drops onto the
 * whole window. Keyboard: Ctrl+1…6 switch panes, F5 syncs, Ctrl+F searches.
 */
public final class MainWindow {
    private final UiContext ctx;
    @FXML
    private BorderPane root;
    @FXML
    private HBox banner;
    @FXML
    private Label bannerText;
    @FXML
    private TabPane tabs;
    @FXML
    private Tab ingestTab;
    @FXML
    private Tab searchTab;
    @FXML
    private Tab healthTab;
    @FXML
    private Tab eventsTab;
    @FXML
    private Tab hostsTab;
    @FXML
    private Tab settingsTab;
    @FXML
    private MaskerPane masker;
    @FXML
    private Label dropOverlay;
    @FXML
    private StatusBar statusBar;
    @FXML
    private IngestController ingestController;
    @FXML
    private SearchController searchController;
    @FXML
    private HealthController healthController;
    @FXML
    private EventsController eventsController;
    @FXML
    private HostsController hostsController;
    @FXML
    private SettingsController settingsController;
    private final Label connection = new Label();
    private final Label watch = new Label();
    private FileDropHandler drops;
    private Stage stage;

    /** The window's controller (created by {@link Views}). */
    public MainWindow(UiContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Builds the window on {@code stage} for {@code session}, shows it and starts observing; the
     * caller starts the session ({@link AppSession#start()}).
     *
     * @param links   opens notes and files ({@code HostServices::showDocument})
     * @param dialogs the file choosers
     */
    public static MainWindow open(Stage stage, AppSession session, LinkOpener links, FileDialogs dialogs) {
        Notifier notifier = new Notifier();
        SessionModel model = new SessionModel(session);
        UiContext ctx = new UiContext(model, new SessionActions(model, notifier), notifier, links, dialogs);
        Views.View<MainWindow> view = Views.load("main", ctx);
        MainWindow w = view.controller();
        w.stage = stage;
        Scene scene = new Scene(view.root());
        scene.getStylesheets().add(Views.stylesheet());
        w.installKeys(scene);
        stage.setTitle("Alexandria");
        for (int size : new int[] {16, 32, 64, 256}) {
            var icon = MainWindow.class.getResource("/icons/alexandria-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(520);
        notifier.setOwner(stage);
        stage.show();
        model.start();
        return w;
    }

    @FXML
    private void initialize() {
        var m = ctx.model();
        connection.getStyleClass().add("status-item");
        watch.getStyleClass().add("status-item");
        connection.setAccessibleHelp("Connection to Qdrant");
        watch.setAccessibleHelp("Folder watching");
        statusBar.getRightItems().setAll(connection, watch);
        m.statusProperty().addListener((o, a, s) -> refreshStatus());
        m.progressProperty().addListener((o, a, p) -> refreshStatus());
        m.healthProperty().addListener((o, a, h) -> refreshStatus());
        m.watchProperty().addListener((o, a, w) -> refreshStatus());
        m.syncRunningProperty().addListener((o, a, b) -> refreshStatus());
        m.filesBeingAddedProperty().addListener((o, a, b) -> refreshStatus());
        m.modelSwitchProperty().addListener((o, a, b) -> refreshStatus());
        m.modelSwitchErrorProperty().addListener((o, a, e) -> {
            if (e != null) {
                ctx.notifier().error("The model could not be switched", e);
            }
        });
        m.statusProperty().addListener((o, a, s) -> {
            if (s != null && s.phase() == SessionStatus.Phase.FAILED) {
                ctx.notifier().error("Alexandria could not start", s.message());
            }
        });
        m.progressProperty().addListener((o, a, p) -> {
            boolean was = a != null && !a.stageErrors().isEmpty();
            if (p != null && !p.stageErrors().isEmpty() && !was) {
                ctx.notifier().error("Indexing is retrying", StatusTexts.firstError(p));
            }
        });
        drops = new FileDropHandler(m, ctx.notifier());
        drops.install(root, dropOverlay);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> tabShown(t));
        refreshStatus();
    }

    private void tabShown(Tab t) {
        eventsController.setActive(t == eventsTab);
        hostsController.setActive(t == hostsTab);
        if (t == eventsTab) {
            eventsController.shown();
        } else if (t == hostsTab) {
            hostsController.shown();
        }
    }

    private void refreshStatus() {
        var m = ctx.model();
        SessionStatus s = m.statusProperty().get();
        var p = m.progressProperty().get();
        var h = m.healthProperty().get();
        var change = m.modelSwitchProperty().get();
        statusBar.setText(change != null && s != null && s.ready() ? StatusTexts.modelSwitch(change)
                : StatusTexts.activity(s, p, m.syncRunningProperty().get(), m.filesBeingAddedProperty().get()));
        double progress = s != null && s.ready() && p != null && p.state() != io.alexandria.sync.EngineProgress.State.IDLE
                ? StatusTexts.runProgress(p) : 0;
        statusBar.setProgress(progress);
        connection.setText(StatusTexts.connection(s, h));
        connection.getStyleClass().removeAll("good", "bad");
        connection.getStyleClass().add(StatusTexts.connected(s, h) ? "good" : "bad");
        watch.setText(StatusTexts.watch(m.watchProperty().get()));
        String b = StatusTexts.banner(s, h);
        banner.setVisible(b != null);
        banner.setManaged(b != null);
        bannerText.setText(b == null ? "" : b);
        boolean starting = s == null || s.phase() == SessionStatus.Phase.STARTING;
        masker.setVisible(starting);
        masker.setText(s == null ? "Starting…" : s.message());
    }

    private void installKeys(Scene scene) {
        List<Tab> order = List.of(ingestTab, searchTab, healthTab, eventsTab, hostsTab, settingsTab);
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
            KeyCode.DIGIT6};
        for (int i = 0; i < order.size(); i++) {
            Tab tab = order.get(i);
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> tabs.getSelectionModel().select(tab));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            if (!ctx.model().syncRunningProperty().get()) {
                ctx.actions().syncNow();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(searchTab);
            searchController.focus();
        });
    }

    /** The shared context (model, actions, notifier). */
    public UiContext context() {
        return ctx;
    }

    /** The stage. */
    public Stage stage() {
        return stage;
    }

    /** The drop handler (its {@link FileDropHandler#drop} is the plain drop method). */
    public FileDropHandler drops() {
        return drops;
    }

    /** The tab pane. */
    public TabPane tabs() {
        return tabs;
    }

    /** Selects a pane's tab by its id ({@code ingestTab}, {@code searchTab}, …). */
    public void select(String tabId) {
        tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** The Ingest pane. */
    public IngestController ingest() {
        return ingestController;
    }

    /** The Search pane. */
    public SearchController search() {
        return searchController;
    }

    /** The Sync health pane. */
    public HealthController health() {
        return healthController;
    }

    /** The Events pane. */
    public EventsController events() {
        return eventsController;
    }

    /** The Hosts pane. */
    public HostsController hosts() {
        return hostsController;
    }

    /** The Settings pane. */
    public SettingsController settings() {
        return settingsController;
    }

    /** Stops observing the session (the caller closes it). */
    public void close() {
        ctx.model().close();
    }
}
