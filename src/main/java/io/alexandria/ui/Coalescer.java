package io.alexandria.ui;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action on the JavaFX thread at most once per period however often it is asked for:
 * the first request runs it at once, requests within the period after a run are merged into one
 * run at the period's end. For reloads triggered by a stream of notices (events being published
 * in batches), so a burst costs one query a second instead of one per batch. JavaFX thread only.
 */
public final class Coalescer {
    private final Runnable action;
    private final PauseTransition cooldown;
    private boolean cooling;
    private boolean pending;

    /**
     * @param period the least time between two runs
     * @param action what to run (on the JavaFX thread; it must not block)
     */
    public Coalescer(Duration period, Runnable action) {
        this.action = action;
        this.cooldown = new PauseTransition(period);
        cooldown.setOnFinished(e -> {
            cooling = false;
            if (pending) {
                pending = false;
                run();
            }
        });
    }

    /** Asks for a run: now, or at the end of the current period. */
    public void request() {
        if (cooling) {
            pending = true;
            return;
        }
        run();
    }

    private void run() {
        cooling = true;
        cooldown.playFromStart();
        action.run();
    }
}
