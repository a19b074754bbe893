package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.screenshot;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.ThreadGuard;
import io.alexandria.ui.status.AppStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The first screen of a fresh install — no vault or library chosen, no Qdrant at the default
 * address — over the real engine and model: one calm invitation to choose a vault or a library,
 * and no alarm (no Qdrant banner, no "retrying" pop-up, no red status item), however long it is
 * looked at; the engine meanwhile does meet the missing Qdrant. Sync now says what to do, opens
 * the setup and records no sync; the invitation's button opens the setup too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunTest {
    @TempDir
    static Path tmp;
    private UiHarness app;
    private final FxRobot robot = new FxRobot();
    private long violationsBefore;

    @BeforeAll
    void openTheApp() throws Exception {
        FxTestKit.startToolkit();
        violationsBefore = ThreadGuard.violations();
        app = UiHarness.openNotSetUp(tmp);
    }

    @AfterAll
    void closeTheApp() {
        if (app != null) {
            app.close();
        }
    }

    private <T extends Node> T node(String query) {
        return robot.lookup(query).query();
    }

    private String text(String query) {
        return onFx(() -> ((Labeled) node(query)).getText());
    }

    private List<Notifier.Note> alarms() {
        return onFx(this::alarmsOnFx);
    }

    private List<Notifier.Note> alarmsOnFx() {
        return app.ctx().notifier().history().stream().filter(n -> n.level() != Notifier.Level.INFO).toList();
    }

    @Test
    @Order(1)
    void theFirstScreenInvitesToChooseAVaultOrLibraryAndRaisesNoAlarm() {
        awaitFx(Duration.ofSeconds(30), "the engine's state and a health report",
                () -> app.model().progressProperty().get() != null && app.model().healthProperty().get() != null);
        assertFalse(onFx(() -> app.model().healthProperty().get().qdrantReachable()), "no Qdrant here");
        // the invitation holds while the engine meets the missing Qdrant (its stages retry, the
        // probe fails every few seconds): no alarm appears in the meantime
        await("nothing but the invitation, for 4 s").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> onFx(() -> {
                    AppStatus st = app.model().appStatusProperty().get();
                    return st.kind() == AppStatus.Kind.NOT_SET_UP && node("#setUpButton").isVisible()
                            && AppStatus.SET_UP_TEXT.equals(((Label) node("#bannerText")).getText())
                            && node("#banner").getStyleClass().contains("call-to-action")
                            && !node("#stageErrors").isVisible() && alarmsOnFx().isEmpty();
                }));
        // it did meet the missing Qdrant (its events stage checks the retention at start), and
        // the window never showed anything but the invitation once the session was ready
        await("the engine met the missing Qdrant").atMost(Duration.ofSeconds(60)).until(() -> app.enginePushed
                .stream().anyMatch(p -> p.state() == io.alexandria.sync.EngineProgress.State.WAITING_FOR_INDEX));
        List<AppStatus> shown = onFx(() -> List.copyOf(app.statesShown));
        assertTrue(shown.stream().filter(AppStatus::ready).allMatch(st -> st.kind() == AppStatus.Kind.NOT_SET_UP
                && !st.needsAttention() && st.banner().callToAction()), shown.toString());
        assertFalse(app.stageErrorsShown.get(), "no red line of failing stages");
        StatusBar bar = node(".status-bar");
        assertEquals(AppStatus.NOT_SET_UP_LINE, onFx(bar::getText));
        Labeled connection = onFx(() -> (Labeled) bar.getRightItems().getFirst());
        assertEquals("Qdrant: not connected", onFx(connection::getText));
        assertFalse(onFx(() -> connection.getStyleClass().contains("bad")), "not shown as a failure");
        assertEquals("not set up", text("#stateBadge"));
        assertEquals(AppStatus.NOT_SET_UP_LINE, text("#activity"));
        assertTrue(alarms().isEmpty(), alarms().toString());
        screenshot(app.stage.getScene(), "first-run");
    }

    @Test
    @Order(2)
    void syncNowSaysWhatToDoOpensTheSetupAndRecordsNoSync() {
        onFx(() -> {
            app.window.select("ingestTab");
            return null;
        });
        robot.clickOn("#ingestSyncButton");
        awaitFx(Duration.ofSeconds(10), "the setup is open",
                () -> "settingsTab".equals(app.window.tabs().getSelectionModel().getSelectedItem().getId()));
        Notifier.Note note = onFx(() -> app.ctx().notifier().history().getLast());
        assertEquals("Nothing to sync yet", note.title());
        assertTrue(note.text().contains("Choose an Obsidian vault or a Calibre library"), note.text());
        assertFalse(onFx(() -> app.model().syncRunningProperty().get()), "no sync ran");
        assertNull(onFx(() -> app.model().lastSyncProperty().get()));
        app.model().pollHealthSoon();
        awaitFx(Duration.ofSeconds(20), "a fresh health report", () -> app.model().healthProperty().get() != null);
        assertNull(onFx(() -> app.model().healthProperty().get().lastSync()), "Sync health shows no last sync");

        onFx(() -> {
            app.window.select("searchTab");
            return null;
        });
        robot.clickOn("#setUpButton");
        awaitFx(Duration.ofSeconds(10), "the button opens the setup",
                () -> "settingsTab".equals(app.window.tabs().getSelectionModel().getSelectedItem().getId()));
        assertTrue(alarms().isEmpty(), alarms().toString());
    }

    @Test
    @Order(3)
    void theJavaFxThreadNeverReachedTheBlockingCore() {
        assertEquals(violationsBefore, ThreadGuard.violations(), "blocking core calls on the FX thread");
    }
}
