package io.alexandria.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop app (a placeholder window until the panes land). */
public final class AlexandriaApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Alexandria");
        stage.setScene(new Scene(new StackPane(new Label("Alexandria")), 640, 400));
        stage.show();
    }
}
