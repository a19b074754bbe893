package io.alexandria.ui.about;

import io.alexandria.ui.theme.Appearance;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Help › About: the app's name, version and data folder, the Java and JavaFX it runs on, and the
 * bundled libraries with their licences. Built from data read beforehand ({@link Libraries}, off
 * the JavaFX thread); showing it does no I/O.
 */
public final class AboutDialog {
    private AboutDialog() {
    }

    /**
     * What the dialog shows.
     *
     * @param version   the app's version
     * @param dataDir   the data folder
     * @param libraries the bundled libraries
     */
    public record Content(String version, Path dataDir, List<Libraries.Library> libraries) {
    }

    /**
     * Builds the dialog (not shown yet).
     *
     * @param openFolder opens a folder with the desktop
     */
    public static Dialog<ButtonType> create(Window owner, Appearance appearance, Content c, Consumer<Path> openFolder) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("About Alexandria");
        d.setHeaderText(null);
        var icon = AboutDialog.class.getResource("/icons/alexandria-64.png");
        ImageView logo = icon == null ? new ImageView() : new ImageView(new Image(icon.toExternalForm()));
        Label name = new Label("Alexandria");
        name.getStyleClass().add("about-title");
        Label version = new Label("Version " + c.version());
        version.setId("aboutVersion");
        Label runtime = new Label("Java " + System.getProperty("java.version") + " · JavaFX "
                + System.getProperty("javafx.runtime.version", "?"));
        runtime.getStyleClass().add("muted");
        Label what = new Label("Keeps an Obsidian vault or a Calibre library searchable in Qdrant, embedded locally.");
        what.setWrapText(true);
        Hyperlink data = new Hyperlink(c.dataDir().toString());
        data.setOnAction(e -> openFolder.accept(c.dataDir()));
        HBox dataRow = new HBox(4, new Label("Data folder:"), data);
        dataRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox head = new VBox(4, name, version, runtime);
        HBox top = new HBox(16, logo, head);
        TableView<Libraries.Library> table = new TableView<>();
        table.setId("aboutLibraries");
        table.setPrefHeight(260);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Library", Libraries.Library::name, 210));
        table.getColumns().add(column("Licence", Libraries.Library::licence, 220));
        table.getColumns().add(column("Used for", Libraries.Library::purpose, 220));
        table.getItems().setAll(c.libraries());
        Label libs = new Label("Bundled libraries and their licences");
        libs.getStyleClass().add("section-title");
        VBox body = new VBox(12, top, what, dataRow, libs, table);
        body.setPadding(new Insets(8, 4, 4, 4));
        body.setPrefWidth(760);
        d.getDialogPane().setMinWidth(780);
        d.getDialogPane().setContent(body);
        d.getDialogPane().getButtonTypes().setAll(new ButtonType("Close", ButtonBar.ButtonData.CANCEL_CLOSE));
        appearance.attach(d.getDialogPane());
        return d;
    }

    private static TableColumn<Libraries.Library, String> column(String title,
            java.util.function.Function<Libraries.Library, String> value, double width) {
        TableColumn<Libraries.Library, String> col = new TableColumn<>(title);
        col.setCellValueFactory(x -> new ReadOnlyStringWrapper(value.apply(x.getValue())));
        col.setPrefWidth(width);
        return col;
    }
}
