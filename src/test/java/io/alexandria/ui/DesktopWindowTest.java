package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static io.alexandria.ui.FxTestKit.runFx;
import static io.alexandria.ui.FxTestKit.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.ThreadGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
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
 * The window's desktop side over the real core on two notes of the corpus vault: the model and
 * device in the status bar, icons and the menu, the light and dark themes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopWindowTest {
    @TempDir
    static Path tmp;
    private UiHarness app;
    private final FxRobot robot = new FxRobot();
    private long violationsBefore;

    @BeforeAll
    void openTheApp() throws Exception {
        FxTestKit.startToolkit();
        EmojiText.preload();
        violationsBefore = ThreadGuard.violations();
        app = UiHarness.open(tmp, List.of("Introduction.md", "Advanced/Urgency.md"), null, false);
    }

    @AfterAll
    void closeTheApp() {
        if (app != null) {
            app.close();
        }
        assertEquals(violationsBefore, ThreadGuard.violations(), "the JavaFX thread never reached the blocking core");
    }

    @Test
    @Order(1)
    void theStatusBarShowsTheModelAndTheDevice() {
        awaitFx(Duration.ofSeconds(20), "the device item", () -> app.window.deviceText().contains("·"));
        assertEquals("bge-small · CPU", onFx(() -> app.window.deviceText()));
        String tip = onFx(() -> app.window.deviceTooltip());
        assertTrue(tip.contains("Model: bge-small-en-v1.5-q (384 dimensions)"), tip);
        assertTrue(tip.contains("Device setting: cpu"), tip);
        assertFalse(tip.contains("because"), "no fallback: " + tip);
    }

    @Test
    @Order(2)
    void lightAndDarkThemes() {
        awaitFx(Duration.ofSeconds(20), "health", () -> app.model().healthProperty().get() != null);
        screenshot(app.stage.getScene(), "desktop-light");
        assertTrue(Application.getUserAgentStylesheet().contains("primer-light"), Application.getUserAgentStylesheet());
        runFx(() -> app.ctx().prefs().themeProperty().set(io.alexandria.ui.theme.ThemeMode.DARK));
        assertTrue(Application.getUserAgentStylesheet().contains("primer-dark"), Application.getUserAgentStylesheet());
        assertTrue(onFx(() -> app.stage.getScene().getRoot().getStyleClass().contains("dark")));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        screenshot(app.stage.getScene(), "desktop-dark");
        runFx(() -> app.ctx().prefs().themeProperty().set(io.alexandria.ui.theme.ThemeMode.LIGHT));
        assertFalse(onFx(() -> app.stage.getScene().getRoot().getStyleClass().contains("dark")));
    }
}
