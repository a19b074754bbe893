package io.alexandria.ui.tray;

import io.alexandria.ui.SessionActions;
import io.alexandria.ui.SessionModel;
import javafx.beans.InvalidationListener;

/**
 * Keeps a {@link TrayView} showing the window's one state ({@link SessionModel#appStatusProperty()}:
 * icon, tooltip, menu) and carries out the menu's
 * actions: Open shows the window, Sync now and Pause / Resume go through {@link SessionActions}
 * (in the background), Quit exits the app. JavaFX thread only; a view reporting from another
 * thread hands its actions over with {@code Platform.runLater}.
 */
public final class TrayController implements AutoCloseable {
    private final SessionModel model;
    private final SessionActions actions;
    private final TrayView view;
    private final Runnable open;
    private final Runnable quit;
    private final InvalidationListener refresh = o -> refresh();
    private TrayMenu shown;

    /**
     * A controller for {@code view}.
     *
     * @param open shows the window and brings it forward
     * @param quit stops the engine and exits
     */
    public TrayController(SessionModel model, SessionActions actions, TrayView view, Runnable open, Runnable quit) {
        this.model = model;
        this.actions = actions;
        this.view = view;
        this.open = open;
        this.quit = quit;
    }

    /** Starts following the session and shows the first menu. */
    public TrayController start() {
        model.appStatusProperty().addListener(refresh);
        model.syncRunningProperty().addListener(refresh);
        refresh();
        return this;
    }

    private void refresh() {
        TrayMenu m = TrayMenu.of(model.appStatusProperty().get(), model.syncRunningProperty().get());
        if (!m.equals(shown)) {
            shown = m;
            view.show(m);
        }
    }

    /** The menu shown now. */
    public TrayMenu menu() {
        return shown;
    }

    /** Carries out {@code action} when the menu shown now offers it enabled (a stale click does nothing). */
    public void perform(TrayAction action) {
        boolean enabled = shown != null && shown.item(action).map(TrayMenu.Item::enabled).orElse(false);
        if (!enabled) {
            return;
        }
        switch (action) {
            case OPEN -> open.run();
            case SYNC_NOW -> actions.syncNow();
            case PAUSE -> actions.pause();
            case RESUME -> actions.resume();
            case QUIT -> quit.run();
        }
    }

    /** Stops following the session and removes the icon. */
    @Override
    public void close() {
        model.appStatusProperty().removeListener(refresh);
        model.syncRunningProperty().removeListener(refresh);
        view.close();
    }
}
