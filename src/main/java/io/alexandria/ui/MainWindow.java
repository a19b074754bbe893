package io.alexandria.ui;

import io.alexandria.app.AppSession;
import io.alexandria.app.SessionStatus;
import io.alexandria.extraction.book.BookExtractors;
import io.alexandria.ui.about.AboutDialog;
import io.alexandria.ui.about.Libraries;
import io.alexandria.ui.drop.FileDropHandler;
import io.alexandria.ui.events.EventsController;
import io.alexandria.ui.health.HealthController;
import io.alexandria.ui.hosts.HostsController;
import io.alexandria.ui.ingest.IngestController;
import io.alexandria.ui.prefs.UiPrefsModel;
import io.alexandria.ui.search.SearchController;
import io.alexandria.ui.settings.SettingsController;
import io.alexandria.ui.shell.DesktopShell;
import io.alexandria.ui.status.DeviceTexts;
import io.alexandria.ui.status.GpuNames;
import io.alexandria.ui.status.AppStatus;
import io.alexandria.ui.status.StatusTexts;
import io.alexandria.ui.theme.Appearance;
import io.alexandria.ui.theme.ThemeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.MaskerPane;
import org.controlsfx.control.StatusBar;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window ({@code main.fxml}): the menu (File: add books, data folder, log, quit; Sync;
 * View: panes and theme; Help: About), a banner when something needs the user's attention
 * (Qdrant unreachable, a start that failed, a folder missing, deletions on hold) or, with nothing
 * set up, one calm invitation to choose a vault or a library, the panes as tabs with icons, a
 * masker while the engine starts, the status bar (activity, Qdrant connection, watch state, and
 * the model and device with the reason of a CPU fallback on hover) and file drops onto the whole
 * window. Everything that shows the state reads the one {@link AppStatus} of the model. Keyboard: Ctrl+1…6 switch panes, F5 syncs, Ctrl+F searches, Ctrl+O adds books.
 */
public final class MainWindow {
    /** The style class of the model and device item in the status bar. */
    public static final String DEVICE_ITEM_ID = "deviceItem";
    private final UiContext ctx;
    @FXML
    private BorderPane root;
    @FXML
    private MenuBar menuBar;
    @FXML
    private MenuItem syncNowItem;
    @FXML
    private MenuItem pauseItem;
    @FXML
    private MenuItem verifyItem;
    @FXML
    private ToggleGroup themeGroup;
    @FXML
    private RadioMenuItem themeSystem;
    @FXML
    private RadioMenuItem themeLight;
    @FXML
    private RadioMenuItem themeDark;
    @FXML
    private HBox banner;
    @FXML
    private Label bannerText;
    @FXML
    private FontIcon bannerIcon;
    @FXML
    private javafx.scene.control.Button setUpButton;
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
    private final Label device = new Label();
    private final Tooltip deviceTip = new Tooltip();
    private FileDropHandler drops;
    private Stage stage;
    private Runnable onQuit;
    private Map<Integer, String> gpuNames = Map.of();
    private DeviceTexts.ModelDevice modelDevice;
    private long deviceSeq;

    /**
     * How the window meets the desktop.
     *
     * @param shell      opens URIs, shows files in folders, knows about Obsidian
     * @param dialogs    the file choosers
     * @param prefs      the window's preferences (theme, close to tray)
     * @param appearance the theme in use (bound to {@code prefs})
     */
    public record Options(DesktopShell shell, FileDialogs dialogs, UiPrefsModel prefs, Appearance appearance) {
    }

    /** The window's controller (created by {@link Views}). */
    public MainWindow(UiContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Builds the window on {@code stage} with in-memory preferences, the light theme and Obsidian
     * taken as installed (tests and embedders); see {@link #open(Stage, AppSession, Options)}.
     *
     * @param links   opens notes and files ({@code HostServices::showDocument})
     * @param dialogs the file choosers
     */
    public static MainWindow open(Stage stage, AppSession session, LinkOpener links, FileDialogs dialogs) {
        return open(stage, session, new Options(DesktopShell.of(links, true), dialogs, UiPrefsModel.inMemory(),
                new Appearance(ThemeMode.LIGHT, Optional.of(false))));
    }

    /**
     * Builds the window on {@code stage} for {@code session}, shows it and starts observing; the
     * caller starts the session ({@link AppSession#start()}).
     */
    public static MainWindow open(Stage stage, AppSession session, Options options) {
        Notifier notifier = new Notifier();
        SessionModel model = new SessionModel(session);
        options.appearance().modeProperty().bindBidirectional(options.prefs().themeProperty());
        UiContext ctx = new UiContext(model, new SessionActions(model, notifier), notifier, options.shell(),
                options.dialogs(), options.prefs(), options.appearance(), new SimpleBooleanProperty(false));
        Views.View<MainWindow> view = Views.load("main", ctx);
        MainWindow w = view.controller();
        w.stage = stage;
        Scene scene = new Scene(view.root());
        options.appearance().attach(scene);
        w.installKeys(scene);
        stage.setTitle("Alexandria");
        for (int size : new int[] {16, 32, 64, 256}) {
            var icon = MainWindow.class.getResource("/icons/alexandria-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setMinWidth(820);
        stage.setMinHeight(560);
        notifier.setOwner(stage);
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            w.menuBar.setUseSystemMenuBar(true);
        }
        stage.show();
        model.start();
        return w;
    }

    @FXML
    private void initialize() {
        var m = ctx.model();
        connection.getStyleClass().add("status-item");
        watch.getStyleClass().add("status-item");
        device.getStyleClass().addAll("status-item", "device-item");
        device.setId(DEVICE_ITEM_ID);
        connection.setGraphic(new FontIcon("mdi2l-lan-connect"));
        watch.setGraphic(new FontIcon("mdi2e-eye-outline"));
        device.setGraphic(new FontIcon("mdi2c-chip"));
        device.setText("Model: loading…");
        device.setTooltip(deviceTip);
        deviceTip.setShowDelay(javafx.util.Duration.millis(300));
        deviceTip.setShowDuration(javafx.util.Duration.seconds(30));
        connection.setAccessibleHelp("Connection to Qdrant");
        watch.setAccessibleHelp("Folder watching");
        device.setAccessibleHelp("Embedding model and the device it runs on");
        for (Label item : List.of(connection, watch, device)) {
            item.setMinWidth(Region.USE_PREF_SIZE); // the activity text on the left gives way, never these
        }
        statusBar.getRightItems().setAll(connection, watch, device);
        m.appStatusProperty().addListener((o, a, st) -> showStatus(st));
        m.watchProperty().addListener((o, a, w) -> watch.setText(StatusTexts.watch(w)));
        m.verifyRunningProperty().addListener((o, a, b) -> showStatus(m.appStatusProperty().get()));
        m.modelSwitchErrorProperty().addListener((o, a, e) -> {
            if (e != null) {
                ctx.notifier().error("The model could not be switched", e);
            }
        });
        m.statusProperty().addListener((o, a, s) -> {
            if (s != null && s.phase() == SessionStatus.Phase.FAILED) {
                ctx.notifier().error("Alexandria could not start", s.message());
            }
            if (s != null && s.ready() && (a == null || !a.ready())) {
                loadModelDevice();
            }
        });
        m.appStatusProperty().addListener((o, a, st) -> {
            // one pop-up when a stage starts failing; Qdrant away or a folder missing have the banner
            if (st.kind() == AppStatus.Kind.ERROR && (a == null || a.kind() != AppStatus.Kind.ERROR)) {
                String why = st.line().replaceFirst("^Error: ", "");
                ctx.notifier().error(why.contains("halted") ? "Indexing stopped" : "Indexing is retrying", why);
            }
        });
        ctx.actions().setOnSetUp(this::openSetUp);
        drops = new FileDropHandler(m, ctx.notifier());
        drops.install(root, dropOverlay);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> tabShown(t));
        bindTheme();
        ingestController.setOnAddBooks(this::addBooks);
        CompletableFuture.supplyAsync(GpuNames::query).thenAccept(names -> Fx.run(() -> {
            gpuNames = names;
            showDevice();
        }));
        if (m.statusProperty().get() != null && m.statusProperty().get().ready()) {
            loadModelDevice();
        }
        watch.setText(StatusTexts.watch(m.watchProperty().get()));
        showStatus(m.appStatusProperty().get());
    }

    private void bindTheme() {
        Map<Toggle, ThemeMode> modes = Map.of(themeSystem, ThemeMode.SYSTEM, themeLight, ThemeMode.LIGHT, themeDark,
                ThemeMode.DARK);
        var theme = ctx.prefs().themeProperty();
        Runnable sync = () -> modes.forEach((t, mode) -> t.setSelected(mode == theme.get()));
        sync.run();
        theme.addListener((o, a, b) -> sync.run());
        modes.forEach((t, mode) -> ((RadioMenuItem) t).setOnAction(e -> theme.set(mode)));
        themeGroup.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null && modes.get(t) != theme.get()) {
                theme.set(modes.get(t));
            }
        });
    }

    /** Reads, in the background, which model the engine runs on which device. */
    private void loadModelDevice() {
        long mine = ++deviceSeq;
        CompletableFuture<DeviceTexts.ModelDevice> f = ctx.session().call(s -> {
            var e = s.engine();
            return new DeviceTexts.ModelDevice(e.model().id(), e.model().dimension(), e.deviceChoice());
        });
        Fx.whenDone(f, md -> {
            if (mine == deviceSeq) {
                modelDevice = md;
                showDevice();
            }
        }, error -> {
        });
    }

    private void showDevice() {
        if (modelDevice == null) {
            return;
        }
        device.setText(DeviceTexts.line(modelDevice, gpuNames));
        deviceTip.setText(DeviceTexts.tooltip(modelDevice, gpuNames));
        device.getStyleClass().remove("warn");
        if (modelDevice.device().fellBack()) {
            device.getStyleClass().add("warn");
        }
        device.setGraphic(new FontIcon(modelDevice.device().fellBack() ? "mdi2c-chip" : modelDevice.device().onGpu()
                ? "mdi2e-expansion-card" : "mdi2c-chip"));
    }

    /** What the model and device item says now ("bge-small · CPU"). */
    public String deviceText() {
        return device.getText();
    }

    /** The model and device item's tooltip. */
    public String deviceTooltip() {
        return deviceTip.getText();
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

    /** Shows the window's one state: status bar, banner, masker and the Sync menu. */
    private void showStatus(AppStatus st) {
        var m = ctx.model();
        statusBar.setText(st.line());
        statusBar.setProgress(st.progress());
        connection.setText(st.connection());
        connection.getStyleClass().removeAll("good", "bad");
        boolean calm = st.kind() == AppStatus.Kind.NOT_SET_UP || !st.ready();
        if (!calm || st.connected()) {
            connection.getStyleClass().add(st.connected() ? "good" : "bad");
        }
        ((FontIcon) connection.getGraphic()).setIconLiteral(st.connected() ? "mdi2l-lan-connect"
                : "mdi2l-lan-disconnect");
        AppStatus.Banner b = st.banner();
        banner.setVisible(b != null);
        banner.setManaged(b != null);
        bannerText.setText(b == null ? "" : b.text());
        boolean invite = b != null && b.callToAction();
        banner.getStyleClass().remove("call-to-action");
        if (invite) {
            banner.getStyleClass().add("call-to-action");
        }
        bannerText.setAccessibleRoleDescription(invite ? "invitation" : "alert");
        bannerIcon.setIconLiteral(invite ? "mdi2b-bookshelf" : "mdi2a-alert-outline");
        setUpButton.setVisible(invite);
        setUpButton.setManaged(invite);
        masker.setVisible(st.kind() == AppStatus.Kind.STARTING && !st.ready());
        SessionStatus s = m.statusProperty().get();
        masker.setText(s == null ? "Starting…" : s.message());
        syncNowItem.setDisable(!st.canSync());
        verifyItem.setDisable(!st.ready() || m.verifyRunningProperty().get());
        pauseItem.setDisable(!st.canPause());
        pauseItem.setText(st.paused() ? "_Resume" : "_Pause");
        ((FontIcon) pauseItem.getGraphic()).setIconLiteral(st.paused() ? "mdi2p-play" : "mdi2p-pause");
    }

    /**
     * Opens the setup — choose a vault or a library: today the Settings pane (a first-run flow
     * can take its place here).
     */
    private void openSetUp() {
        bringToFront();
        tabs.getSelectionModel().select(settingsTab);
    }

    @FXML
    private void setUp() {
        ctx.actions().setUp();
    }

    /** What the status bar's activity text says now. */
    public String statusText() {
        return statusBar.getText();
    }

    private void installKeys(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(searchTab);
            searchController.focus();
        });
    }

    @FXML
    private void syncNow() {
        if (!ctx.model().syncRunningProperty().get()) {
            ctx.actions().syncNow();
        }
    }

    @FXML
    private void togglePause() {
        if (ctx.model().appStatusProperty().get().paused()) {
            ctx.actions().resume();
        } else {
            ctx.actions().pause();
        }
    }

    @FXML
    private void verify() {
        ctx.actions().verifyAndRepair();
    }

    @FXML
    private void showIngest() {
        tabs.getSelectionModel().select(ingestTab);
    }

    @FXML
    private void showSearch() {
        tabs.getSelectionModel().select(searchTab);
    }

    @FXML
    private void showHealth() {
        tabs.getSelectionModel().select(healthTab);
    }

    @FXML
    private void showEvents() {
        tabs.getSelectionModel().select(eventsTab);
    }

    @FXML
    private void showHosts() {
        tabs.getSelectionModel().select(hostsTab);
    }

    @FXML
    private void showSettings() {
        tabs.getSelectionModel().select(settingsTab);
    }

    /** File › Add books…: the OS's file chooser, then the same path as a drop. */
    @FXML
    public CompletableFuture<io.alexandria.sync.SyncEngine.DropResult> addBooks() {
        List<String> patterns = new ArrayList<>();
        for (String f : BookExtractors.supportedFormats()) {
            patterns.add("*." + f.toLowerCase(Locale.ROOT));
        }
        patterns.add("*.md");
        List<FileChooser.ExtensionFilter> filters = List.of(
                new FileChooser.ExtensionFilter("Books and notes", patterns),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<Path> files = ctx.dialogs().openFiles(stage, "Add books and notes", filters);
        if (files.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        tabs.getSelectionModel().select(ingestTab);
        return drops.drop(files);
    }

    /** Adds files as if dropped (a second launch's files, the command line's); shows the Ingest pane. */
    public CompletableFuture<io.alexandria.sync.SyncEngine.DropResult> addFiles(List<Path> files) {
        tabs.getSelectionModel().select(ingestTab);
        return drops.drop(files);
    }

    @FXML
    private void openDataFolder() {
        ctx.shell().open(ctx.session().paths().dataDir().toUri().toString());
    }

    /** The log file (the logging setup's folder, else the data folder's {@code logs/}). */
    Path logFile() {
        String dir = System.getProperty("alexandria.log.dir");
        Path logs = dir != null ? Path.of(dir) : ctx.session().paths().logs();
        return logs.resolve("alexandria.log");
    }

    @FXML
    private void openLog() {
        Path log = logFile();
        CompletableFuture.supplyAsync(() -> Files.isRegularFile(log) ? log : log.getParent())
                .thenAccept(p -> Fx.run(() -> ctx.shell().open(p.toUri().toString())));
    }

    @FXML
    private void closeWindow() {
        stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    @FXML
    private void quit() {
        if (onQuit != null) {
            onQuit.run();
        } else {
            stage.hide();
        }
    }

    /** What File › Quit does (the app stops the engine and exits; without one the window just closes). */
    public void setOnQuit(Runnable quit) {
        this.onQuit = quit;
    }

    /** Help › About: reads the version and the library list in the background, then shows them. */
    @FXML
    public CompletableFuture<Dialog<ButtonType>> about() {
        Path data = ctx.session().paths().dataDir();
        CompletableFuture<AboutDialog.Content> content = CompletableFuture.supplyAsync(
                () -> new AboutDialog.Content(Libraries.version(), data, Libraries.list()));
        CompletableFuture<Dialog<ButtonType>> shown = new CompletableFuture<>();
        Fx.whenDone(content, c -> {
            Dialog<ButtonType> d = AboutDialog.create(stage, ctx.appearance(), c,
                    dir -> ctx.shell().open(dir.toUri().toString()));
            d.show();
            shown.complete(d);
        }, error -> {
            ctx.notifier().error("Cannot show About", Fx.describe(error));
            shown.completeExceptionally(error);
        });
        return shown;
    }

    /** Shows the window (also from the tray), restores it when minimised, and brings it forward. */
    public void bringToFront() {
        if (stage.isIconified()) {
            stage.setIconified(false);
        }
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.toFront();
        stage.requestFocus();
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

    /** The menu bar. */
    public MenuBar menuBar() {
        return menuBar;
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
