package io.alexandria;

import io.alexandria.ui.AlexandriaApp;
import javafx.application.Application;

/** Starts the JavaFX desktop app (a separate class so the CLI never loads JavaFX). */
final class DesktopLauncher {
    private DesktopLauncher() {
    }

    static void launch(String[] args) {
        Application.launch(AlexandriaApp.class, args);
    }
}
