package io.alexandria.ui;

import io.alexandria.app.AppSession;
import io.alexandria.ui.prefs.UiPrefsModel;
import io.alexandria.ui.shell.DesktopShell;
import io.alexandria.ui.theme.Appearance;
import javafx.beans.property.BooleanProperty;

/**
 * What every pane's controller is given: the observable model of the session, the commands, the
 * notifier, the desktop around the window, the file choosers and the window's own preferences.
 * Controllers get it through their constructor (see {@link Views}).
 *
 * @param model         the session as JavaFX properties
 * @param actions       the engine commands (background, never blocking)
 * @param notifier      pop-up notifications
 * @param shell         opens notes and files, shows files in their folder, knows whether Obsidian is installed
 * @param dialogs       file and folder choosers
 * @param prefs         theme and close-to-tray (saved in the background)
 * @param appearance    the light or dark theme in use
 * @param trayAvailable whether the tray icon is shown (close-to-tray needs it)
 */
public record UiContext(SessionModel model, SessionActions actions, Notifier notifier, DesktopShell shell,
                        FileDialogs dialogs, UiPrefsModel prefs, Appearance appearance, BooleanProperty trayAvailable) {
    /** The session behind the model. */
    public AppSession session() {
        return model.session();
    }

    /** Opens URIs with the desktop. */
    public LinkOpener links() {
        return shell;
    }
}
