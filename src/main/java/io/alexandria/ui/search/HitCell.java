package io.alexandria.ui.search;

import io.alexandria.search.SearchHit;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One search result: title and score, where it comes from, the passage, and an open button. */
final class HitCell extends ListCell<SearchHit> {
    /** Longest passage shown. */
    static final int MAX_TEXT = 600;
    private final Label title = new Label();
    private final Label score = new Label();
    private final Label location = new Label();
    private final Label text = new Label();
    private final Button open = new Button();
    private final VBox box;
    private final Consumer<SearchHit> onOpen;

    HitCell(Consumer<SearchHit> onOpen) {
        this.onOpen = onOpen;
        title.getStyleClass().add("hit-title");
        score.getStyleClass().add("hit-score");
        location.getStyleClass().add("muted");
        text.setWrapText(true);
        text.getStyleClass().add("hit-text");
        location.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, score, open);
        box = new VBox(4, head, location, text);
        box.getStyleClass().add("hit");
        text.maxWidthProperty().bind(widthProperty().subtract(40));
        open.setOnAction(e -> {
            if (getItem() != null) {
                onOpen.accept(getItem());
            }
        });
        open.getStyleClass().add("open-button");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(SearchHit hit, boolean empty) {
        super.updateItem(hit, empty);
        if (empty || hit == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        title.setText(hit.title() == null ? hit.sourceId() : hit.title());
        score.setText(String.format(Locale.ROOT, "score %.3f", hit.score()));
        location.setText(OpenLinks.location(hit));
        String t = hit.text() == null ? "" : hit.text().strip();
        text.setText(t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "…" : t);
        var label = OpenLinks.label(hit);
        open.setVisible(label.isPresent());
        open.setManaged(label.isPresent());
        open.setText(label.orElse(""));
        open.setAccessibleText(label.orElse("") + ": " + title.getText());
        setAccessibleText(title.getText() + ", " + score.getText() + ", " + location.getText());
        setGraphic(box);
    }
}
