package io.alexandria.ui;

import io.alexandria.app.AppSession;

/**
 * What every pane's controller is given: the observable model of the session, the commands, the
 * notifier and a way to open links. Controllers get it through their constructor (see {@link Views}).
 *
 * @param model    the session as JavaFX properties
 * @param actions  the engine commands (background, never blocking)
 * @param notifier pop-up notifications
 * @param links    opens notes and files with the desktop
 * @param dialogs  file and folder choosers
 */
public record UiContext(SessionModel model, SessionActions actions, Notifier notifier, LinkOpener links,
                        FileDialogs dialogs) {
    /** The session behind the model. */
    public AppSession session() {
        return model.session();
    }
}
