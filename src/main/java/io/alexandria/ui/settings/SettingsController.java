package io.alexandria.ui.settings;

import io.alexandria.app.SessionStatus;
import io.alexandria.app.SettingsCheck;
import io.alexandria.app.SettingsCheck.Field;
import io.alexandria.app.SettingsValidator;
import io.alexandria.config.Settings;
import io.alexandria.embedding.BundledModel;
import io.alexandria.ui.Fx;
import io.alexandria.ui.UiContext;
import io.alexandria.embedding.GpuInfo;
import io.alexandria.ui.status.DeviceTexts;
import io.alexandria.ui.status.GpuNames;
import io.alexandria.ui.theme.ThemeMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/**
 * The Settings pane: vault and Calibre folders, Qdrant URL (TLS when {@code https://}), API key
 * (kept in the OS keychain or an owner-only file, never shown), model and device, chunk size,
 * ignore patterns, watching and polling. Everything is checked in the background before it is
 * applied ({@link SettingsValidator}): a folder that is not a vault or not a Calibre library, a
 * malformed URL or a refused key stop the save with a message next to the field; an unreachable
 * Qdrant is a warning (work queues until it is back). It lists the devices found here (CPU, CUDA
 * GPUs by name). Below, the window's own preferences — theme, close to the tray — apply at once.
 */
public final class SettingsController {
    private final UiContext ctx;
    @FXML
    private TextField vaultPath;
    @FXML
    private TextField calibrePath;
    @FXML
    private TextField qdrantUrl;
    @FXML
    private Label tlsLabel;
    @FXML
    private PasswordField apiKey;
    @FXML
    private CheckBox removeKey;
    @FXML
    private ComboBox<String> model;
    @FXML
    private ComboBox<String> device;
    @FXML
    private Spinner<Integer> chunkTokens;
    @FXML
    private Spinner<Integer> chunkOverlap;
    @FXML
    private TextArea ignorePatterns;
    @FXML
    private CheckBox watch;
    @FXML
    private CheckBox polling;
    @FXML
    private Label vaultMessage;
    @FXML
    private Label calibreMessage;
    @FXML
    private Label qdrantMessage;
    @FXML
    private Label apiKeyMessage;
    @FXML
    private Label modelMessage;
    @FXML
    private Label chunksMessage;
    @FXML
    private Label ignoreMessage;
    @FXML
    private Button saveButton;
    @FXML
    private Button checkButton;
    @FXML
    private Button revertButton;
    @FXML
    private ProgressIndicator busy;
    @FXML
    private Label formStatus;
    @FXML
    private Label devicesLabel;
    @FXML
    private ComboBox<ThemeMode> themeChoice;
    @FXML
    private CheckBox closeToTray;
    @FXML
    private Label trayNote;
    private final Map<Field, Label> messages = new EnumMap<>(Field.class);
    private Settings shown;

    /** The pane's controller (created by {@link io.alexandria.ui.Views}). */
    public SettingsController(UiContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        messages.put(Field.VAULT, vaultMessage);
        messages.put(Field.CALIBRE, calibreMessage);
        messages.put(Field.QDRANT, qdrantMessage);
        messages.put(Field.API_KEY, apiKeyMessage);
        messages.put(Field.MODEL, modelMessage);
        messages.put(Field.DEVICE, modelMessage);
        messages.put(Field.CHUNKS, chunksMessage);
        messages.put(Field.IGNORE, ignoreMessage);
        model.getItems().setAll(io.alexandria.embedding.ModelCatalog.entries().stream()
                .map(io.alexandria.embedding.ModelCatalog.Entry::id).toList());
        device.getItems().setAll("auto", "cpu", "cuda:0");
        detectDevices();
        themeChoice.getItems().setAll(ThemeMode.values());
        themeChoice.valueProperty().bindBidirectional(ctx.prefs().themeProperty());
        closeToTray.selectedProperty().bindBidirectional(ctx.prefs().closeToTrayProperty());
        closeToTray.disableProperty().bind(ctx.trayAvailable().not());
        trayNote.textProperty().bind(javafx.beans.binding.Bindings.when(ctx.trayAvailable())
                .then("Quit from the tray icon's menu, or with File › Quit.")
                .otherwise("This desktop shows no tray icon: closing the window quits Alexandria."));
        chunkTokens.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(
                SettingsValidator.MIN_CHUNK_TOKENS, BundledModel.SPEC.maxTokens(), 256, 32));
        chunkOverlap.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 255, 32, 8));
        commitOnFocusLost(chunkTokens);
        commitOnFocusLost(chunkOverlap);
        qdrantUrl.textProperty().addListener((o, a, b) -> showTls());
        polling.disableProperty().bind(watch.selectedProperty().not());
        apiKey.disableProperty().bind(removeKey.selectedProperty());
        ctx.model().statusProperty().addListener((o, a, s) -> statusChanged(s));
        statusChanged(ctx.model().statusProperty().get());
    }

    /** Lists this machine's devices (DJL's CUDA probe and nvidia-smi run in the background). */
    private void detectDevices() {
        CompletableFuture<List<String>> f = CompletableFuture.supplyAsync(() -> DeviceTexts.detected(GpuInfo.probe(),
                GpuNames.query(), Runtime.getRuntime().availableProcessors()));
        Fx.whenDone(f, lines -> {
            devicesLabel.setText("Devices here: " + String.join(" · ", lines));
            List<String> choices = new java.util.ArrayList<>(List.of("auto", "cpu"));
            lines.stream().filter(l -> l.startsWith("cuda:")).map(l -> l.split(" ")[0]).forEach(choices::add);
            if (choices.size() == 2) {
                choices.add("cuda:0");
            }
            String current = device.getValue();
            device.getItems().setAll(choices);
            device.setValue(current);
        }, error -> devicesLabel.setText("Devices here: cannot tell (" + Fx.describe(error) + ")"));
    }

    /** The devices line (tests). */
    public String devicesText() {
        return devicesLabel.getText();
    }

    private static void commitOnFocusLost(Spinner<Integer> spinner) {
        spinner.getEditor().focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit(spinner);
            }
        });
    }

    private static void commit(Spinner<Integer> spinner) {
        try {
            int v = Integer.parseInt(spinner.getEditor().getText().strip());
            spinner.getValueFactory().setValue(v);
        } catch (NumberFormatException e) {
            spinner.getEditor().setText(String.valueOf(spinner.getValue()));
        }
    }

    private void statusChanged(SessionStatus s) {
        Settings current = ctx.session().settings();
        if (shown == null && current != null && s != null && s.phase() != SessionStatus.Phase.STARTING) {
            show(current);
        }
    }

    private void showTls() {
        String url = qdrantUrl.getText() == null ? "" : qdrantUrl.getText().strip().toLowerCase(Locale.ROOT);
        tlsLabel.setText(url.startsWith("https://") ? "TLS: on" : "TLS: off (use https:// for TLS)");
    }

    /** Fills the form with {@code s} (and clears the messages). */
    public void show(Settings s) {
        shown = s;
        vaultPath.setText(s.vaultPath() == null ? "" : s.vaultPath());
        calibrePath.setText(s.calibrePath() == null ? "" : s.calibrePath());
        qdrantUrl.setText(s.qdrantUrl());
        apiKey.clear();
        removeKey.setSelected(false);
        apiKey.setPromptText(ctx.session().hasApiKey() ? "A key is stored — type a new one to replace it"
                : "None (for a Qdrant without authentication)");
        model.setValue(s.model());
        device.setValue(s.device());
        chunkTokens.getValueFactory().setValue(s.chunkTokens());
        chunkOverlap.getValueFactory().setValue(s.chunkOverlap());
        ignorePatterns.setText(String.join("\n", s.ignorePatterns()));
        watch.setSelected(s.watch());
        polling.setSelected(s.polling());
        showTls();
        clearMessages();
        formStatus.setText("");
    }

    /** The settings the form describes (the unedited fields come from the settings in effect). */
    public Settings form() {
        commit(chunkTokens);
        commit(chunkOverlap);
        Settings base = shown != null ? shown : Settings.defaults();
        List<String> patterns = Arrays.stream(ignorePatterns.getText() == null ? new String[0]
                : ignorePatterns.getText().split("\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        return new Settings(blankToNull(vaultPath.getText()), blankToNull(calibrePath.getText()),
                qdrantUrl.getText() == null ? null : qdrantUrl.getText().strip(),
                text(model.getEditor().getText(), model.getValue()), text(device.getEditor().getText(), device.getValue()),
                chunkTokens.getValue(), chunkOverlap.getValue(), patterns, watch.isSelected(),
                polling.isSelected(), base.reconcileMinutes(), base.formatPreference(), base.massDeleteShare(),
                base.hostname(), base.eventRetentionDays(), base.trustedCertificate());
    }

    private static String text(String typed, String value) {
        String t = typed != null && !typed.isBlank() ? typed : value;
        return t == null ? null : t.strip();
    }

    private String keyChange() {
        if (removeKey.isSelected()) {
            return "";
        }
        String k = apiKey.getText();
        return k == null || k.isBlank() ? null : k;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @FXML
    private void browseVault() {
        browse(vaultPath, "Choose your Obsidian vault");
    }

    @FXML
    private void browseCalibre() {
        browse(calibrePath, "Choose your Calibre library (the folder with metadata.db)");
    }

    private void browse(TextField field, String title) {
        String text = field.getText() == null ? "" : field.getText().strip();
        Path initial = text.isEmpty() ? null : Path.of(text).toAbsolutePath().getParent();
        ctx.dialogs().chooseFolder(field.getScene().getWindow(), title, initial)
                .ifPresent(dir -> field.setText(dir.toAbsolutePath().toString()));
    }

    /** Checks the form in the background and shows the messages. */
    @FXML
    public CompletableFuture<SettingsCheck> check() {
        Settings candidate = form();
        String key = keyChange();
        setBusy(true, "Checking…");
        CompletableFuture<SettingsCheck> f = ctx.session().check(candidate, key == null || key.isEmpty() ? null : key);
        Fx.whenDone(f, result -> {
            setBusy(false, result.valid() ? "The settings look good." : "Fix the fields marked in red.");
            showMessages(result);
        }, error -> setBusy(false, "Cannot check: " + Fx.describe(error)));
        return f;
    }

    /** Checks the form and, when valid, saves and applies it (the engine is rebuilt in the background). */
    @FXML
    public CompletableFuture<Boolean> save() {
        Settings candidate = form();
        String key = keyChange();
        setBusy(true, "Checking…");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Fx.whenDone(ctx.session().check(candidate, key == null || key.isEmpty() ? null : key), result -> {
            showMessages(result);
            if (!result.valid()) {
                setBusy(false, "Not saved: fix the fields marked in red.");
                done.complete(false);
                return;
            }
            setBusy(true, "Applying…");
            Fx.whenDone(ctx.session().apply(candidate, key), services -> {
                setBusy(false, "Saved and applied.");
                shown = candidate;
                apiKey.clear();
                removeKey.setSelected(false);
                apiKey.setPromptText(ctx.session().hasApiKey() ? "A key is stored — type a new one to replace it"
                        : "None (for a Qdrant without authentication)");
                String where = ctx.session().apiKeyLocation();
                ctx.notifier().info("Settings applied", key != null && where != null ? "API key " + where + "."
                        : "Alexandria restarted its engine with the new settings.");
                done.complete(true);
            }, error -> {
                setBusy(false, "Saved, but Alexandria could not start with them: " + Fx.describe(error));
                ctx.notifier().error("Settings not applied", Fx.describe(error));
                done.complete(false);
            });
        }, error -> {
            setBusy(false, "Cannot check: " + Fx.describe(error));
            done.complete(false);
        });
        return done;
    }

    @FXML
    private void revert() {
        Settings current = ctx.session().settings();
        if (current != null) {
            show(current);
        }
    }

    private void setBusy(boolean on, String text) {
        busy.setVisible(on);
        saveButton.setDisable(on);
        checkButton.setDisable(on);
        revertButton.setDisable(on);
        formStatus.setText(text);
    }

    private void clearMessages() {
        for (Label l : messages.values()) {
            l.setText("");
            l.getStyleClass().removeAll("msg-ok", "msg-warning", "msg-error");
        }
    }

    private void showMessages(SettingsCheck result) {
        clearMessages();
        for (var e : result.messages().entrySet()) {
            Label l = messages.get(e.getKey());
            SettingsCheck.Message m = e.getValue();
            String prev = l.getText();
            l.setText(prev == null || prev.isEmpty() ? m.message() : prev + " " + m.message());
            String style = switch (m.level()) {
                case OK -> "msg-ok";
                case WARNING -> "msg-warning";
                case ERROR -> "msg-error";
            };
            if (m.level() == SettingsCheck.Level.ERROR || !l.getStyleClass().contains("msg-error")) {
                l.getStyleClass().removeAll("msg-ok", "msg-warning");
                l.getStyleClass().add(style);
            }
        }
    }
}
