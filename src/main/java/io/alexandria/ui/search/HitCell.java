package io.alexandria.ui.search;

import io.alexandria.search.SearchHit;
import io.alexandria.ui.Clipboards;
import io.alexandria.ui.EmojiText;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One search result: title and score, where it comes from, the passage (emoji drawn with the
 * emoji font, see {@link EmojiText}), an open button, and a context menu (Open, Show in folder,
 * Copy passage / title / path).
 */
final class HitCell extends ListCell<SearchHit> {
    /** Longest passage shown. */
    static final int MAX_TEXT = 600;
    private final TextFlow title = new TextFlow();
    private final Label score = new Label();
    private final Label location = new Label();
    private final TextFlow text = new TextFlow();
    private final Button open = new Button();
    private final VBox box;
    private final BooleanSupplier obsidian;

    /**
     * A cell.
     *
     * @param onOpen            opens a hit (Obsidian, the book, the file)
     * @param onReveal          shows a hit's file in its folder
     * @param obsidianInstalled whether notes open in Obsidian (else they are shown in their folder)
     */
    HitCell(Consumer<SearchHit> onOpen, Consumer<SearchHit> onReveal, BooleanSupplier obsidianInstalled) {
        this.obsidian = obsidianInstalled;
        title.getStyleClass().add("hit-title");
        score.getStyleClass().add("hit-score");
        location.getStyleClass().addAll("muted", "location");
        location.setWrapText(true);
        text.getStyleClass().add("hit-passage");
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox head = new HBox(8, title, score, open);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box = new VBox(4, head, location, text);
        box.getStyleClass().add("hit");
        text.maxWidthProperty().bind(widthProperty().subtract(40));
        text.prefWidthProperty().bind(widthProperty().subtract(40));
        open.setOnAction(e -> {
            SearchHit hit = getItem();
            if (hit != null) {
                if (isNote(hit) && !obsidianInstalled.getAsBoolean()) {
                    onReveal.accept(hit);
                } else {
                    onOpen.accept(hit);
                }
            }
        });
        open.getStyleClass().add("open-button");
        setPrefWidth(0);
        MenuItem openItem = new MenuItem("Open", new FontIcon("mdi2o-open-in-new"));
        openItem.setOnAction(e -> onOpen.accept(getItem()));
        MenuItem reveal = new MenuItem("Show in folder", new FontIcon("mdi2f-folder-search-outline"));
        reveal.setOnAction(e -> onReveal.accept(getItem()));
        MenuItem copyText = new MenuItem("Copy passage", new FontIcon("mdi2c-content-copy"));
        copyText.setOnAction(e -> Clipboards.copy(getItem().text()));
        MenuItem copyTitle = new MenuItem("Copy title");
        copyTitle.setOnAction(e -> Clipboards.copy(titleOf(getItem())));
        MenuItem copyPath = new MenuItem("Copy path");
        copyPath.setOnAction(e -> Clipboards.copy(getItem().filePath() != null ? getItem().filePath()
                : getItem().sourceId()));
        ContextMenu menu = new ContextMenu(openItem, reveal, new SeparatorMenuItem(), copyText, copyTitle, copyPath);
        menu.setOnShowing(e -> {
            SearchHit hit = getItem();
            boolean note = hit != null && isNote(hit);
            openItem.setText(note && obsidianInstalled.getAsBoolean() ? "Open in Obsidian" : "Open");
            openItem.setDisable(hit == null || note && !obsidianInstalled.getAsBoolean());
        });
        setContextMenu(menu);
    }

    private static boolean isNote(SearchHit hit) {
        return io.alexandria.sources.SourceKinds.OBSIDIAN.equals(hit.source());
    }

    private static String titleOf(SearchHit hit) {
        return hit.title() == null ? hit.sourceId() : hit.title();
    }

    @Override
    protected void updateItem(SearchHit hit, boolean empty) {
        super.updateItem(hit, empty);
        if (empty || hit == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        String t = titleOf(hit);
        title.getChildren().setAll(EmojiText.nodes(t, "hit-title-text"));
        score.setText(String.format(Locale.ROOT, "score %.3f", hit.score()));
        location.setText(OpenLinks.location(hit));
        String passage = hit.text() == null ? "" : hit.text().strip();
        text.getChildren().setAll(EmojiText.nodes(EmojiText.clip(passage, MAX_TEXT), "hit-text"));
        Optional<String> label = OpenLinks.label(hit, obsidian.getAsBoolean());
        open.setVisible(label.isPresent());
        open.setManaged(label.isPresent());
        open.setText(label.orElse(""));
        open.setGraphic(label.isEmpty() ? null : new FontIcon(label.get().startsWith("Show")
                ? "mdi2f-folder-search-outline" : "mdi2o-open-in-new"));
        open.setAccessibleText(label.orElse("") + ": " + t);
        setAccessibleText(t + ", " + score.getText() + ", " + location.getText());
        setGraphic(box);
    }
}
