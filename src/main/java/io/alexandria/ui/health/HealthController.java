package io.alexandria.ui.health;

import io.alexandria.health.HealthReport;
import io.alexandria.ui.Formats;
import io.alexandria.ui.UiContext;
import io.alexandria.ui.status.StatusTexts;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/**
 * The Sync health pane: sync percentage and the healthy / degraded verdict, documents per status,
 * orphan points, the oldest pending document, the event outbox, Qdrant's reachability and latency,
 * the last sync and verify; the Sync now and Verify and repair buttons; and the mass-deletion
 * alarm with a confirmation before anything is deleted.
 */
public final class HealthController {
    /** The confirm dialog's delete button. */
    public static final ButtonType DELETE = new ButtonType("Delete them", ButtonBar.ButtonData.OK_DONE);
    private final UiContext ctx;
    @FXML
    private Label percent;
    @FXML
    private Label verdict;
    @FXML
    private Button healthSyncButton;
    @FXML
    private Button verifyButton;
    @FXML
    private ProgressBar percentBar;
    @FXML
    private Label healthSummary;
    @FXML
    private VBox alarmBox;
    @FXML
    private Label alarmText;
    @FXML
    private Button confirmDeletesButton;
    @FXML
    private Label total;
    @FXML
    private Label synced;
    @FXML
    private Label pending;
    @FXML
    private Label stale;
    @FXML
    private Label failed;
    @FXML
    private Label deleted;
    @FXML
    private Label orphans;
    @FXML
    private Label oldestPending;
    @FXML
    private Label healthOutbox;
    @FXML
    private Label reachable;
    @FXML
    private Label latency;
    @FXML
    private Label lastSync;
    @FXML
    private Label lastVerify;
    @FXML
    private Label qdrantDetail;
    private List<String> dismissedAlarms = List.of();
    private Alert confirm;

    /** The pane's controller (created by {@link io.alexandria.ui.Views}). */
    public HealthController(UiContext ctx) {
        this.ctx = ctx;
    }

    @FXML
    private void initialize() {
        var m = ctx.model();
        var notReady = Bindings.createBooleanBinding(
                () -> m.statusProperty().get() == null || !m.statusProperty().get().ready(), m.statusProperty());
        healthSyncButton.disableProperty().bind(m.syncRunningProperty().or(notReady));
        healthSyncButton.textProperty().bind(Bindings.when(m.syncRunningProperty()).then("Syncing…").otherwise("_Sync now"));
        verifyButton.disableProperty().bind(m.verifyRunningProperty().or(notReady));
        verifyButton.textProperty().bind(Bindings.when(m.verifyRunningProperty()).then("Verifying…")
                .otherwise("_Verify & repair"));
        m.healthProperty().addListener((o, a, h) -> show(h));
        show(m.healthProperty().get());
    }

    private void show(HealthReport h) {
        verdict.getStyleClass().removeAll("state-healthy", "state-degraded");
        if (h == null) {
            percent.setText("—");
            verdict.setText("unknown");
            healthSummary.setText("Waiting for the first health report…");
            return;
        }
        percent.setText(Formats.percent(h.syncPercentage()));
        percentBar.setProgress(h.syncPercentage() / 100.0);
        verdict.setText(h.health());
        verdict.getStyleClass().add(h.healthy() ? "state-healthy" : "state-degraded");
        healthSummary.setText(Formats.count(h.synced()) + " of " + Formats.count(h.total())
                + " documents are in Qdrant as the local ledger says."
                + (h.healthy() ? "" : " Degraded: " + reasons(h)));
        total.setText(Formats.count(h.total()));
        synced.setText(Formats.count(h.synced()));
        pending.setText(Formats.count(h.pending()));
        stale.setText(Formats.count(h.stale()));
        failed.setText(Formats.count(h.failed()));
        deleted.setText(Formats.count(h.deleted()));
        orphans.setText(h.orphans() < 0 ? "not verified" : Formats.count(h.orphans()));
        oldestPending.setText(Formats.duration(h.oldestPending()));
        healthOutbox.setText(Formats.count(h.outboxDepth()));
        reachable.setText(h.qdrantReachable() ? "yes" : "no");
        reachable.getStyleClass().removeAll("good", "bad");
        reachable.getStyleClass().add(h.qdrantReachable() ? "good" : "bad");
        latency.setText(h.qdrantLatencyMs() < 0 ? "—" : h.qdrantLatencyMs() + " ms");
        lastSync.setText(Formats.instant(h.lastSync()));
        lastVerify.setText(Formats.instant(h.lastVerify()));
        qdrantDetail.setText(h.qdrantReachable() ? "" : h.qdrantMessage());
        boolean alarm = !h.alarms().isEmpty() && !h.alarms().equals(dismissedAlarms);
        alarmBox.setVisible(alarm);
        alarmBox.setManaged(alarm);
        alarmText.setText(String.join("\n", h.alarms().stream().map(StatusTexts::alarm).toList())
                + "\nNothing is deleted until you confirm. If a drive or share is just unmounted, keep them.");
    }

    /** Why the report is degraded, in words. */
    static String reasons(HealthReport h) {
        StringBuilder sb = new StringBuilder();
        if (!h.qdrantReachable()) {
            sb.append("Qdrant is not reachable. ");
        }
        if (h.syncPercentage() < HealthReport.HEALTHY_PERCENTAGE) {
            sb.append("Less than ").append((int) HealthReport.HEALTHY_PERCENTAGE).append(" % in sync");
            sb.append(h.failed() > 0 ? " (" + h.failed() + " failed: see the Ingest and Events panes). " : ". ");
        }
        if (!h.alarms().isEmpty()) {
            sb.append("Deletions are on hold. ");
        }
        return sb.toString().strip();
    }

    @FXML
    private void syncNow() {
        ctx.actions().syncNow();
    }

    @FXML
    private void verify() {
        ctx.actions().verifyAndRepair();
    }

    @FXML
    private void confirmDeletes() {
        HealthReport h = ctx.model().healthProperty().get();
        confirm = new Alert(Alert.AlertType.CONFIRMATION, (h == null ? ""
                : String.join("\n", h.alarms().stream().map(StatusTexts::alarm).toList()))
                + "\n\nDelete these documents from Qdrant? Their points and chunks are removed; the files "
                + "themselves are not touched.", DELETE, ButtonType.CANCEL);
        confirm.setTitle("Delete vanished documents");
        confirm.setHeaderText("Delete the documents that vanished?");
        confirm.initOwner(confirmDeletesButton.getScene().getWindow());
        ctx.appearance().attach(confirm.getDialogPane());
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) confirm.getDialogPane().lookupButton(DELETE)).setDefaultButton(false);
        confirm.getDialogPane().lookupButton(DELETE).setId("confirmDeleteButton");
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == DELETE) {
                ctx.actions().confirmDeletes();
            }
        });
        confirm.show();
    }

    @FXML
    private void keep() {
        HealthReport h = ctx.model().healthProperty().get();
        dismissedAlarms = h == null ? List.of() : h.alarms();
        alarmBox.setVisible(false);
        alarmBox.setManaged(false);
        ctx.notifier().info("Deletions kept on hold", "The documents stay in Qdrant. The warning returns if more "
                + "documents vanish; a folder that comes back clears it.");
    }
}
