package io.alexandria.ui;

import java.time.Instant;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pop-up notifications (ControlsFX {@link Notifications}) in the window's corner, and a history of
 * them (the last hundred) that the window and the tests can read. Call from any thread.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /** How serious a notification is. */
    public enum Level { INFO, WARNING, ERROR }

    /**
     * One notification.
     *
     * @param level severity
     * @param title a few words
     * @param text  the details
     * @param at    when
     */
    public record Note(Level level, String title, String text, Instant at) {
    }

    private final ObservableList<Note> history = FXCollections.observableArrayList();
    private Window owner;
    private boolean popups = true;

    /** The window the pop-ups belong to. */
    public void setOwner(Window owner) {
        this.owner = owner;
    }

    /** Turns the pop-ups off (the history is still kept); for a smoke run. */
    public void setPopups(boolean on) {
        this.popups = on;
    }

    /** The notifications so far, oldest first (JavaFX thread only). */
    public ObservableList<Note> history() {
        return history;
    }

    /** An error. */
    public void error(String title, String text) {
        show(Level.ERROR, title, text);
    }

    /** A warning. */
    public void warn(String title, String text) {
        show(Level.WARNING, title, text);
    }

    /** Good news. */
    public void info(String title, String text) {
        show(Level.INFO, title, text);
    }

    private void show(Level level, String title, String text) {
        if (level == Level.ERROR) {
            LOG.warn("{}: {}", title, text);
        }
        Fx.run(() -> {
            history.add(new Note(level, title, text, Instant.now()));
            if (history.size() > 100) {
                history.remove(0, history.size() - 100);
            }
            if (!popups || owner == null || !owner.isShowing()) {
                return;
            }
            Notifications n = Notifications.create().title(title).text(text).owner(owner).position(Pos.BOTTOM_RIGHT)
                    .hideAfter(Duration.seconds(level == Level.ERROR ? 12 : 6));
            switch (level) {
                case ERROR -> n.showError();
                case WARNING -> n.showWarning();
                default -> n.showInformation();
            }
        });
    }
}
