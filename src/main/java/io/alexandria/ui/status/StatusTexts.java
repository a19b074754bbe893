package io.alexandria.ui.status;

import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncWatcher.WatchState;
import io.alexandria.ui.Formats;
import java.util.Map;

/**
 * Sentences about the engine's figures and the watcher (pure functions, no JavaFX); the state
 * itself reads as {@link AppStatus} says.
 */
public final class StatusTexts {
    private StatusTexts() {
    }

    /** The status line while the index is rebuilt for a newly chosen model. */
    public static String modelSwitch(io.alexandria.sync.ModelSwitch.Progress m) {
        return "Rebuilding the index for the new model: " + Formats.count(m.done()) + " of "
                + Formats.count(m.total()) + " documents — search uses the current model until it is done";
    }

    /** The first stage error as {@code stage: message}. */
    public static String firstError(EngineProgress p) {
        return p.stageErrors().entrySet().stream().findFirst().map(e -> e.getKey() + ": " + e.getValue()).orElse("");
    }

    /** The verb of a pipeline stage, for sentences. */
    public static String stageVerb(String stage) {
        return switch (stage) {
            case "extract" -> "extracting";
            case "embed" -> "embedding";
            case "upload" -> "uploading";
            case "events" -> "publishing events";
            default -> stage;
        };
    }

    /** The watch item: watching, polling, waiting for a folder, or off. */
    public static String watch(Map<String, WatchState> states) {
        if (states == null || states.isEmpty()) {
            return "Not watching";
        }
        long waiting = states.values().stream().filter(s -> s == WatchState.WAITING_FOR_FOLDER).count();
        if (waiting > 0) {
            return "Waiting for " + waiting + (waiting == 1 ? " folder" : " folders") + " to come back";
        }
        long polling = states.values().stream().filter(s -> s == WatchState.POLLING).count();
        long watching = states.values().stream().filter(s -> s == WatchState.WATCHING).count();
        if (watching + polling == 0) {
            return "Not watching";
        }
        String what = polling > 0 && watching == 0 ? "Polling " : "Watching ";
        long n = watching + polling;
        return what + n + (n == 1 ? " folder" : " folders");
    }

    /** Progress of the current run in [0, 1], or -1 (indeterminate) while scanning. */
    public static double runProgress(EngineProgress p) {
        if (p == null) {
            return 0;
        }
        if (p.state() == EngineProgress.State.SCANNING) {
            return -1;
        }
        var r = p.run();
        long docs = r.documents();
        if (p.state() == EngineProgress.State.IDLE) {
            return docs == 0 ? 0 : 1;
        }
        long done = r.indexed() + r.unchanged() + r.failed() + r.deleted();
        long total = Math.max(docs, done + p.documentsWaiting());
        return total == 0 ? 0 : Math.min(1.0, done / (double) total);
    }

    /** The sentence under the run's progress bar. */
    public static String runLine(EngineProgress p) {
        if (p == null) {
            return "";
        }
        var r = p.run();
        return Formats.count(r.documents()) + " documents: " + Formats.count(r.indexed()) + " indexed, "
                + Formats.count(r.unchanged()) + " unchanged, " + Formats.count(r.failed()) + " failed, "
                + Formats.count(r.deleted()) + " deleted — " + Formats.count(r.chunks()) + " chunks";
    }

    /** A mass-deletion alarm without the command-line hint the core adds ("confirm with sync …"). */
    public static String alarm(String message) {
        return message.replaceAll(";? *confirm with sync --confirm-deletes\\.?$", "").strip();
    }
}
