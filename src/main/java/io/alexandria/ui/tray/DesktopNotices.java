package io.alexandria.ui.tray;

import io.alexandria.ui.SessionModel;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds the session's snapshots to a {@link NoticePolicy} and hands what it decides to a sink
 * (the tray's balloon, or {@link CommandNotifications} where there is no tray). JavaFX thread.
 */
public final class DesktopNotices {
    private final NoticePolicy policy = new NoticePolicy();
    private final Consumer<NoticePolicy.Notice> sink;

    /** Notices for {@code model}, delivered to {@code sink} (on the JavaFX thread). */
    public DesktopNotices(SessionModel model, Consumer<NoticePolicy.Notice> sink) {
        this.sink = sink;
        model.progressProperty().addListener((o, a, p) -> deliver(policy.progress(p)));
        model.healthProperty().addListener((o, a, h) -> deliver(policy.health(h)));
        model.statusProperty().addListener((o, a, s) -> deliver(policy.status(s)));
        deliver(policy.status(model.statusProperty().get()));
    }

    private void deliver(List<NoticePolicy.Notice> notices) {
        notices.forEach(sink);
    }
}
