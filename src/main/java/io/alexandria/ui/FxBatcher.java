package io.alexandria.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands items produced on background threads to the JavaFX thread in batches: at most one
 * {@code Platform.runLater} is pending at a time, and it takes everything queued so far. A burst
 * of ten thousand outcomes thus costs a handful of UI updates, not ten thousand.
 */
public final class FxBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<T>> sink;

    /** A batcher delivering to {@code sink} on the JavaFX thread. */
    public FxBatcher(Consumer<List<T>> sink) {
        this.sink = sink;
    }

    /** Queues an item (any thread). */
    public void add(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T t; (t = queue.poll()) != null; ) {
            batch.add(t);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
