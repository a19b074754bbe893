package io.alexandria;

import io.alexandria.config.AppPaths;
import io.alexandria.ipc.IpcException;
import io.alexandria.ipc.LaunchRequest;
import io.alexandria.ipc.SingleInstance;
import io.alexandria.ui.AlexandriaApp;
import io.alexandria.ui.DesktopArgs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Starts the JavaFX desktop app (a separate class so the CLI never loads JavaFX) — unless the app
 * already runs on the same data folder: then this launch hands it its files, brings its window
 * forward and exits 0 without starting JavaFX ({@link SingleInstance}). The smoke run never hands
 * over.
 */
final class DesktopLauncher {
    /** How long to wait for an instance that is starting at the same moment. */
    static final Duration WAIT_FOR_STARTING = Duration.ofSeconds(10);

    private DesktopLauncher() {
    }

    static void launch(String[] args) {
        DesktopArgs desktop = DesktopArgs.split(List.of(args));
        if (!desktop.smoke()) {
            Path dataDir = AppPaths.resolve(desktop.dataDir()).dataDir();
            try {
                switch (SingleInstance.claim(dataDir, LaunchRequest.of(desktop.files()), WAIT_FOR_STARTING)) {
                    case SingleInstance.Forwarded f -> {
                        int n = desktop.files().size();
                        System.out.println("alexandria: already running on " + dataDir + ": brought its window forward"
                                + (n == 0 ? "" : " and handed it " + n + (n == 1 ? " file" : " files")) + ".");
                        System.exit(0);
                        return;
                    }
                    case SingleInstance.Primary p -> AlexandriaApp.serveOtherLaunches(p.server());
                }
            } catch (IpcException e) {
                if (e.otherInstance()) {
                    System.err.println("alexandria: " + e.getMessage());
                    System.exit(1);
                    return;
                }
                // cannot listen (a read-only data folder…): run alone, as before
                LoggerFactory.getLogger(DesktopLauncher.class).warn("single instance: {}", e.getMessage());
            }
        }
        Application.launch(AlexandriaApp.class, args);
    }
}
