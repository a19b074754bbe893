package io.alexandria.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Small helpers for handing work over to the JavaFX thread. */
public final class Fx {
    private Fx() {
    }

    /** Runs {@code r} on the JavaFX thread: now when already there, else later. */
    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /**
     * When {@code future} completes, calls {@code onSuccess} or {@code onError} on the JavaFX
     * thread (the error unwrapped from {@link CompletionException}).
     */
    public static <T> void whenDone(CompletableFuture<T> future, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        future.whenComplete((value, error) -> Platform.runLater(() -> {
            if (error == null) {
                onSuccess.accept(value);
            } else {
                onError.accept(unwrap(error));
            }
        }));
    }

    /** The cause behind {@link CompletionException} / {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A one-line description of an error for the user. */
    public static String describe(Throwable t) {
        Throwable e = unwrap(t);
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
