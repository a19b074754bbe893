package io.alexandria.ui.status;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.SyncWatcher.WatchState;
import io.alexandria.ui.Formats;
import java.util.Locale;
import java.util.Map;

/** The status bar's sentences, from the session's snapshots (pure functions, no JavaFX). */
public final class StatusTexts {
    private StatusTexts() {
    }

    /** The connection item: Qdrant connected (with latency), unreachable, refusing the key, or being checked. */
    public static String connection(SessionStatus status, HealthReport health) {
        if (status == null || !status.ready()) {
            return "Qdrant: not connected";
        }
        if (health == null) {
            return "Qdrant: checking…";
        }
        if (health.qdrantReachable()) {
            return "Qdrant: connected (" + health.qdrantLatencyMs() + " ms)";
        }
        if (health.qdrantMessage() != null && health.qdrantMessage().contains("refused the API key")) {
            return "Qdrant: API key refused";
        }
        return "Qdrant: unreachable — work is queued";
    }

    /** Whether the connection is good (for the item's style). */
    public static boolean connected(SessionStatus status, HealthReport health) {
        return status != null && status.ready() && health != null && health.qdrantReachable();
    }

    /** What the engine is doing, in a few words. */
    public static String activity(SessionStatus status, EngineProgress p, boolean syncRunning, int filesBeingAdded) {
        if (status == null) {
            return "Starting…";
        }
        if (!status.ready()) {
            return status.message();
        }
        if (p == null) {
            return "Ready";
        }
        String doc = p.currentDocument() == null ? "" : " “" + p.currentDocument() + "”";
        String stage = p.currentStage() == null ? "" : " — " + stageVerb(p.currentStage()) + doc;
        String adding = filesBeingAdded > 0 ? " — adding " + filesBeingAdded + " dropped files" : "";
        return switch (p.state()) {
            case IDLE -> (syncRunning ? "Finishing the sync…" : "Idle — everything is in sync") + adding;
            case SCANNING -> "Scanning for changes…" + adding;
            case SYNCING -> "Syncing: " + documents(p.documentsWaiting()) + " waiting" + stage + adding;
            case PAUSED -> "Paused: " + documents(p.documentsWaiting()) + " waiting";
            case ERROR -> "Error: " + (p.reason() != null ? p.reason() : firstError(p) + " (retrying)");
            case WAITING_FOR_INDEX -> "Waiting for Qdrant: " + documents(p.documentsWaiting()) + " queued";
            case STOPPED -> "Stopped";
        };
    }

    private static String documents(int n) {
        return n == 1 ? "1 document" : Formats.count(n) + " documents";
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

    /** The engine state's name for a badge ("syncing"). */
    public static String state(EngineProgress p) {
        return p == null ? "stopped" : p.state().name().toLowerCase(Locale.ROOT);
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

    /** A banner line when something needs the user's attention, or null. */
    public static String banner(SessionStatus status, HealthReport health) {
        if (status != null && status.phase() == SessionStatus.Phase.FAILED) {
            if (status.message().contains("is already syncing with the data directory")) {
                // another engine (a watch or a sync on the command line) holds the data folder
                return status.message().replaceFirst("; stop it first, or use it\\.?$", ".")
                        + " Stop it, then press Save and apply in Settings to start again.";
            }
            return status.message() + " Open Settings to fix it.";
        }
        if (status != null && status.ready() && health != null && !health.qdrantReachable()) {
            return health.qdrantMessage() + ". Alexandria keeps working: changes are queued here and uploaded "
                    + "when Qdrant is back. Check the URL and API key in Settings.";
        }
        if (health != null && !health.alarms().isEmpty()) {
            return "Deletions are on hold: " + String.join("; ", health.alarms().stream().map(StatusTexts::alarm).toList())
                    + ". Confirm or keep them in Sync health.";
        }
        return null;
    }
}
