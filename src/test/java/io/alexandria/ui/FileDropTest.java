package io.alexandria.ui;

import static io.alexandria.ui.FxTestKit.awaitFx;
import static io.alexandria.ui.FxTestKit.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.app.ThreadGuard;
import io.alexandria.pipeline.DocumentOutcome;
import io.alexandria.sync.SyncEngine.DropResult;
import io.alexandria.ui.drop.FileDropHandler;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drag and drop: the plain drop method ({@link FileDropHandler#drop}) with supported, unsupported
 * and hidden files and nested folders, and a hundred files dropped onto the window at once (real
 * drag events carrying a real dragboard) plus a second drop right behind it: every file is
 * indexed, none is lost, and the JavaFX thread never stalls meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileDropTest {
    @TempDir
    static Path tmp;
    private UiHarness app;

    @BeforeAll
    void openTheApp() throws Exception {
        FxTestKit.startToolkit();
        app = UiHarness.open(tmp, List.of("Introduction.md"), null, false);
    }

    @AfterAll
    void closeTheApp() {
        if (app != null) {
            app.close();
        }
    }

    private List<OutcomeRow> fileOutcomes() {
        return onFx(() -> app.model().outcomes().stream().filter(r -> "file".equals(r.source())).toList());
    }

    @Test
    void thePlainDropMethodExpandsFoldersAndRefusesUnsupportedFilesByName() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        Path md = Files.writeString(dir.resolve("Harbour.md"), "# Harbour\n\nFishing boats return at dawn with the tide.\n");
        Path txt = Files.writeString(dir.resolve("LOG.TXT"), "Wind from the west, force four, visibility good.\n");
        Path exe = Files.writeString(dir.resolve("tool.exe"), "MZ");
        Path noExtension = Files.writeString(dir.resolve("README"), "no extension");
        Path folder = Files.createDirectories(dir.resolve("shelf/inner"));
        Path html = Files.writeString(dir.resolve("shelf/page.html"), "<html><body><p>Herons wade in the shallows.</p></body></html>");
        Path nested = Files.writeString(folder.resolve("deep.md"), "# Deep\n\nCormorants dry their wings on the pier.\n");
        Files.writeString(folder.resolve(".secret.md"), "# Hidden\n");
        Path zip = Files.writeString(folder.resolve("archive.zip"), "PK");

        FileDropHandler drops = app.window.drops();
        DropResult r = drops.drop(List.of(md, txt, exe, noExtension, dir.resolve("shelf"))).get(2, TimeUnit.MINUTES);

        assertEquals(Set.of(md, txt, html, nested), Set.copyOf(r.accepted()));
        assertEquals(Set.of(exe, noExtension, zip), r.refused().keySet());
        assertEquals("unsupported file type (.exe)", r.refused().get(exe));
        assertEquals("unsupported file type", r.refused().get(noExtension));
        awaitFx(Duration.ofSeconds(10), "a warning names the refused files", () -> app.ctx().notifier().history()
                .stream().anyMatch(n -> n.text().contains("tool.exe") && n.text().contains("archive.zip")
                        && n.text().contains("README")));
        awaitFx(Duration.ofMinutes(2), "the four files indexed", () -> fileOutcomes().stream()
                .filter(o -> o.kind() == DocumentOutcome.Kind.INDEXED).map(OutcomeRow::title)
                .collect(Collectors.toSet()).containsAll(Set.of("Harbour", "LOG", "deep")));
        assertTrue(onFx(() -> app.model().filesBeingAddedProperty().get()) == 0, "nothing left being added");
    }

    @Test
    void refusedFilesAreNamedUpToEightThenCounted() {
        Map<Path, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            refused.put(Path.of("/drop/file" + i + ".bin"), "unsupported file type (.bin)");
        }
        String text = FileDropHandler.refusedText(refused);
        assertTrue(text.startsWith("Not added: file0.bin (unsupported file type (.bin)), file1.bin"), text);
        assertTrue(text.contains("file7.bin") && !text.contains("file8.bin"), text);
        assertTrue(text.endsWith(" and 3 more."), text);
    }

    @Test
    void aHundredFilesDroppedAtOnceAreAllIndexedWithoutFreezingTheWindow() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hundred"));
        List<File> files = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            files.add(Files.writeString(dir.resolve(String.format("note-%03d.md", i)), "# Note " + i
                    + "\n\nObservation number " + i + ": the tide turned at " + (i % 12 + 1) + " o'clock.\n").toFile());
        }
        Path late = Files.writeString(tmp.resolve("late arrival.txt"), "A late note about the evening ferry.\n");
        Dragboard board = FxTestKit.dragboardWithFiles(files);
        long before = fileOutcomes().stream().filter(o -> o.title().startsWith("note-")).count();
        assertEquals(0, before);
        long violations = ThreadGuard.violations();

        try (FxTestKit.Watchdog watchdog = new FxTestKit.Watchdog()) {
            Node target = app.stage.getScene().getRoot();
            DragEvent drop = onFx(() -> {
                FxTestKit.dragEvent(target, DragEvent.DRAG_ENTERED, board);
                if (!FxTestKit.dragEvent(target, DragEvent.DRAG_OVER, board).isAccepted()) {
                    throw new AssertionError("drag over not accepted");
                }
                return FxTestKit.dragEvent(target, DragEvent.DRAG_DROPPED, board);
            });
            assertTrue(drop.isDropCompleted());
            // a second drop right behind the first one is queued after it, not lost
            CompletableFuture<DropResult> second = onFx(() -> app.window.drops().drop(List.of(late)));
            awaitFx(Duration.ofMinutes(3), "all 101 files indexed", () -> app.model().outcomes().stream()
                    .filter(o -> "file".equals(o.source()) && o.kind() == DocumentOutcome.Kind.INDEXED
                            && (o.title().startsWith("note-") || o.title().equals("late arrival"))).count() == 101);
            assertEquals(List.of(late), second.get(10, TimeUnit.SECONDS).accepted());
            assertTrue(watchdog.worst().compareTo(Duration.ofSeconds(2)) < 0,
                    "the FX thread stalled " + watchdog.worst() + "\n" + watchdog.worstStack());
        }
        Set<String> titles = fileOutcomes().stream().map(OutcomeRow::title).collect(Collectors.toSet());
        for (int i = 0; i < 100; i++) {
            assertTrue(titles.contains(String.format("note-%03d", i)), "note " + i + " indexed");
        }
        assertEquals(violations, ThreadGuard.violations());
        awaitFx(Duration.ofSeconds(20), "health counts them", () -> app.model().healthProperty().get() != null
                && app.model().healthProperty().get().synced() >= 101);
    }
}
