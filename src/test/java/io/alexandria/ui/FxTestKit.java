package io.alexandria.ui;

import static org.awaitility.Awaitility.await;

import io.alexandria.app.ThreadGuard;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * JavaFX test helpers: the headless toolkit (Monocle, set up by the surefire properties), running
 * code on the FX thread, waiting for FX-side conditions, PNG screenshots into
 * {@code target/screenshots/}, a real {@link Dragboard} holding files, drag events fired at the
 * window, and a watchdog that measures how long the FX thread stays unresponsive.
 */
public final class FxTestKit {
    /** Where the tests' screenshots go. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private FxTestKit() {
    }

    /**
     * Starts the toolkit once and forbids blocking core calls on its thread; loads the emoji font
     * as the app's {@code init()} does.
     */
    public static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        EmojiText.preload();
        onFx(() -> {
            ThreadGuard.forbid(Thread.currentThread());
            Platform.setImplicitExit(false);
            return null;
        });
    }

    /** Runs {@code c} on the FX thread and returns its result (60 s at most: a loaded machine starves the FX thread). */
    public static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX call failed", e);
        }
    }

    /** Runs {@code r} on the FX thread and waits for it. */
    public static void runFx(Runnable r) {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits (at most {@code timeout}) until {@code condition}, evaluated on the FX thread, holds. */
    public static void awaitFx(Duration timeout, String what, Supplier<Boolean> condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> onFx(condition::get));
    }

    /** Captures {@code node} to {@code target/screenshots/<name>.png} and returns the file. */
    public static Path screenshot(Node node, String name) {
        return screenshot(name, onFx(() -> node.snapshot(null, null)));
    }

    /** Captures a whole scene to {@code target/screenshots/<name>.png}. */
    public static Path screenshot(Scene scene, String name) {
        return screenshot(name, onFx(() -> scene.snapshot(null)));
    }

    private static Path screenshot(String name, WritableImage image) {
        try {
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
            ImageIO.write(buffered, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A real {@link Dragboard} holding {@code files}, as a file manager's drag provides: a small
     * helper window starts a drag-and-drop gesture in its DRAG_DETECTED handler
     * ({@code Node.startDragAndDrop}, the only public way to obtain one), puts the files on it,
     * and the robot releases the mouse inside the helper window (so that gesture drops nowhere).
     * The board keeps its content afterwards and can be carried by {@link DragEvent}s.
     */
    public static Dragboard dragboardWithFiles(List<File> files) throws Exception {
        AtomicReference<Dragboard> board = new AtomicReference<>();
        Label handle = new Label("files");
        handle.setId("fileDragSource");
        handle.setMinSize(120, 60);
        Stage helper = onFx(() -> {
            Stage s = new Stage();
            handle.setOnDragDetected(e -> {
                Dragboard d = handle.startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putFiles(files);
                d.setContent(content);
                board.set(d);
                e.consume();
            });
            s.setScene(new Scene(new StackPane(handle), 300, 200));
            s.setX(0);
            s.setY(0);
            s.show();
            s.toFront();
            return s;
        });
        FxRobot robot = new FxRobot();
        robot.drag(handle, MouseButton.PRIMARY).moveBy(30, 30);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        runFx(helper::close);
        Dragboard d = board.get();
        if (d == null) {
            throw new IllegalStateException("no drag gesture started");
        }
        return d;
    }

    /**
     * Fires a drag event with {@code board} at {@code target} (coordinates: its centre), as the
     * toolkit does for an OS drag over the window. Call on the FX thread.
     */
    public static DragEvent dragEvent(Node target, javafx.event.EventType<DragEvent> type, Dragboard board) {
        Bounds b = target.localToScene(target.getBoundsInLocal());
        Point2D screen = target.localToScreen(b.getWidth() / 2, b.getHeight() / 2);
        DragEvent e = new DragEvent(target, target, type, board, b.getCenterX(), b.getCenterY(),
                screen == null ? 0 : screen.getX(), screen == null ? 0 : screen.getY(), TransferMode.COPY, null, null,
                null);
        Event.fireEvent(target, e);
        return e;
    }

    /**
     * Measures the JavaFX thread's responsiveness: posts a no-op every 50 ms and records the
     * longest time one waited to run.
     */
    public static final class Watchdog implements AutoCloseable {
        private final AtomicLong worstNanos = new AtomicLong();
        private final AtomicLong postedAt = new AtomicLong(-1);
        private volatile String worstStack = "";
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("fx-watchdog").factory());

        /** Starts measuring. */
        public Watchdog() {
            timer.scheduleAtFixedRate(this::tick, 0, 50, TimeUnit.MILLISECONDS);
        }

        private void tick() {
            long now = System.nanoTime();
            long posted = postedAt.get();
            if (posted >= 0) {
                // the previous ping has not run yet: the FX thread is busy for that long already
                if (now - posted > worstNanos.get() && now - posted > 1_000_000_000L) {
                    worstStack = fxStack();
                }
                worstNanos.accumulateAndGet(now - posted, Math::max);
                return;
            }
            postedAt.set(now);
            Platform.runLater(() -> {
                worstNanos.accumulateAndGet(System.nanoTime() - now, Math::max);
                postedAt.set(-1);
            });
        }

        private static String fxStack() {
            for (var e : Thread.getAllStackTraces().entrySet()) {
                if (e.getKey().getName().equals("JavaFX Application Thread")) {
                    StringBuilder sb = new StringBuilder();
                    for (var f : e.getValue()) {
                        sb.append("  at ").append(f).append('\n');
                    }
                    return sb.toString();
                }
            }
            return "";
        }

        /** The longest stall so far. */
        public Duration worst() {
            return Duration.ofNanos(worstNanos.get());
        }

        /** What the FX thread was doing during the longest stall over a second (for failure messages). */
        public String worstStack() {
            return worstStack;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
