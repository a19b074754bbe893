package io.alexandria.ui.status;

import io.alexandria.app.SessionStatus;
import io.alexandria.health.HealthReport;
import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.ModelSwitch;
import io.alexandria.ui.Formats;
import io.alexandria.ui.tray.TrayState;
import java.util.List;
import java.util.Locale;

/**
 * The one state the window shows, everywhere it shows it: the status bar, the Ingest pane's
 * badge and activity line, the banner, the menu's and the tray's commands and the tray's icon
 * and tooltip all read this value, so no two places can disagree. It is derived — never polled —
 * from the session's status, the engine's pushed state ({@link EngineProgress}, whose states are
 * described in {@code docs/architecture.md}, "Engine states"), whether a vault or a library is
 * configured, and the latest health report (Qdrant's reachability while the engine has no word
 * on it, deletions on hold). Pure, immutable, no JavaFX.
 *
 * <p>Precedence: a session that is starting or failed shows that; then the engine's state — except
 * that with no vault or library configured and none of the user's documents waiting, the window
 * shows one calm call to action ({@link Kind#NOT_SET_UP}) instead of an idle engine or one
 * waiting for a Qdrant it has nothing to send to.
 *
 * @param kind        the state
 * @param label       a few words for a badge ("waiting for Qdrant")
 * @param line        the sentence for the status bar, the activity line and the tray's tooltip
 * @param tone        how it should look
 * @param banner      the banner above the panes, or null for none
 * @param connection  the Qdrant item of the status bar
 * @param connected   whether that item shows a good connection
 * @param progress    the current run's progress in [0, 1], or -1 for indeterminate (scanning)
 * @param ready       whether the engine's commands can be used (the session is ready)
 * @param canSync     whether Sync now can be used now (ready, none running)
 * @param canPause    whether Pause / Resume can be used now
 * @param paused      whether the engine is paused (the command then resumes)
 * @param tray        the tray icon's state
 */
public record AppStatus(Kind kind, String label, String line, Tone tone, Banner banner, String connection,
                        boolean connected, double progress, boolean ready, boolean canSync, boolean canPause,
                        boolean paused, TrayState tray) {

    /** What the window is in; the engine's states keep their names ({@link EngineProgress.State#key()}). */
    public enum Kind {
        /** The session is assembling the engine (or applying new settings). */
        STARTING,
        /** The session could not start; the banner says why and what to do. */
        FAILED,
        /** No vault or library is configured (and none of the user's documents waits). */
        NOT_SET_UP,
        /** A configured source's folder is missing ({@link EngineProgress.State#SOURCE_MISSING}). */
        SOURCE_MISSING,
        /** Nothing waits ({@link EngineProgress.State#IDLE}). */
        IDLE,
        /** Sources are compared with the ledger ({@link EngineProgress.State#SCANNING}). */
        SCANNING,
        /** Work moves through the stages ({@link EngineProgress.State#SYNCING}). */
        SYNCING,
        /** The user paused ({@link EngineProgress.State#PAUSED}). */
        PAUSED,
        /** Qdrant cannot be reached; work queues ({@link EngineProgress.State#WAITING_FOR_INDEX}). */
        WAITING_FOR_INDEX,
        /** A stage fails ({@link EngineProgress.State#ERROR}). */
        ERROR,
        /** The engine is not running ({@link EngineProgress.State#STOPPED}). */
        STOPPED;

        /** The lower-case name, as the engine, the CLI's JSON and the badge's style class write it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(EngineProgress.State s) {
            return valueOf(s.name());
        }
    }

    /** How a state looks: its colour in badges and the status bar. */
    public enum Tone {
        /** All is well (idle). */
        GOOD,
        /** Work is being done (starting, scanning, syncing). */
        BUSY,
        /** Nothing is wrong, nothing moves (not set up, paused, stopped). */
        CALM,
        /** Something outside Alexandria needs a look, work is kept (Qdrant away, a folder missing, deletions held). */
        WARNING,
        /** Something failed (the start, a stage). */
        ERROR
    }

    /**
     * The banner above the panes.
     *
     * @param text          what to say
     * @param callToAction  true for an invitation (choose a vault or library: a button opens the
     *                      setup), false for an alert
     */
    public record Banner(String text, boolean callToAction) {
    }

    /** The not-set-up invitation in the banner. */
    public static final String SET_UP_TEXT = "Choose an Obsidian vault or a Calibre library, and Alexandria keeps "
            + "it searchable. Until then you can drop books and notes onto this window.";
    /** The not-set-up status line. */
    public static final String NOT_SET_UP_LINE = "Not set up — choose a vault or a Calibre library to index";

    /**
     * The window's state for these inputs (any may be null while unknown).
     *
     * @param status          the session's status
     * @param p               the engine's latest pushed snapshot (null while there is no engine)
     * @param setUp           whether a vault or a library is configured (null: not known yet, taken as yes)
     * @param health          the latest health report
     * @param syncRunning     whether a Sync now is running
     * @param filesBeingAdded dropped files being checked before they enter the pipeline
     * @param modelSwitch     the model switch in progress, or null
     */
    public static AppStatus of(SessionStatus status, EngineProgress p, Boolean setUp, HealthReport health,
                               boolean syncRunning, int filesBeingAdded, ModelSwitch.Progress modelSwitch) {
        boolean ready = status != null && status.ready();
        Kind kind = kind(status, p, setUp);
        boolean paused = kind == Kind.PAUSED;
        String adding = filesBeingAdded > 0 ? " — adding " + filesBeingAdded + " dropped files" : "";
        String line = line(kind, status, p, health, syncRunning, adding);
        if (ready && modelSwitch != null && (kind == Kind.IDLE || kind == Kind.SCANNING || kind == Kind.SYNCING)) {
            line = StatusTexts.modelSwitch(modelSwitch);
        }
        Banner banner = banner(kind, status, p, health);
        Tone tone = kind == Kind.IDLE && banner != null ? Tone.WARNING : tone(kind, syncRunning);
        boolean engineDown = kind == Kind.WAITING_FOR_INDEX;
        String connection = connection(ready, kind, health);
        boolean connected = ready && !engineDown && health != null && health.qdrantReachable();
        double progress = ready && p != null && kind != Kind.IDLE && kind != Kind.NOT_SET_UP
                ? StatusTexts.runProgress(p) : 0;
        boolean canPause = ready && p != null && kind != Kind.STOPPED;
        TrayState tray = tray(kind, ready, health, syncRunning, banner);
        return new AppStatus(kind, label(kind), line, tone, banner, connection, connected, progress, ready,
                ready && !syncRunning, canPause, paused, tray);
    }

    private static Kind kind(SessionStatus status, EngineProgress p, Boolean setUp) {
        if (status == null || status.phase() == SessionStatus.Phase.STARTING) {
            return Kind.STARTING;
        }
        if (status.phase() == SessionStatus.Phase.FAILED) {
            return Kind.FAILED;
        }
        if (status.phase() == SessionStatus.Phase.CLOSED) {
            return Kind.STOPPED;
        }
        if (p == null) {
            return Boolean.FALSE.equals(setUp) ? Kind.NOT_SET_UP : Kind.STARTING;
        }
        Kind engine = Kind.of(p.state());
        boolean nothingOfTheUsersWaits = p.documentsWaiting() == 0;
        if (Boolean.FALSE.equals(setUp) && nothingOfTheUsersWaits && (engine == Kind.IDLE
                || engine == Kind.SCANNING || engine == Kind.SYNCING || engine == Kind.WAITING_FOR_INDEX)) {
            return Kind.NOT_SET_UP;
        }
        return engine;
    }

    /** The badge's words for a state. */
    public static String label(Kind kind) {
        return switch (kind) {
            case STARTING -> "starting";
            case FAILED -> "not started";
            case NOT_SET_UP -> "not set up";
            case SOURCE_MISSING -> "source missing";
            case IDLE -> "idle";
            case SCANNING -> "scanning";
            case SYNCING -> "syncing";
            case PAUSED -> "paused";
            case WAITING_FOR_INDEX -> "waiting for Qdrant";
            case ERROR -> "error";
            case STOPPED -> "stopped";
        };
    }

    private static String line(Kind kind, SessionStatus status, EngineProgress p, HealthReport health,
                               boolean syncRunning, String adding) {
        return switch (kind) {
            case STARTING -> status == null ? "Starting…" : status.message();
            case FAILED -> status.message();
            case NOT_SET_UP -> NOT_SET_UP_LINE + adding;
            case SOURCE_MISSING -> "Source missing: " + p.reason() + " — nothing is deleted" + adding;
            case IDLE -> idle(p, health, syncRunning) + adding;
            case SCANNING -> "Scanning for changes…" + adding;
            case SYNCING -> "Syncing: " + documents(p.documentsWaiting()) + " waiting" + activity(p) + adding;
            case PAUSED -> "Paused: " + documents(p.documentsWaiting()) + " waiting";
            case WAITING_FOR_INDEX -> "Waiting for Qdrant: " + documents(p.documentsWaiting()) + " queued";
            case ERROR -> "Error: " + (p.reason() != null ? p.reason() : StatusTexts.firstError(p));
            case STOPPED -> "Stopped";
        };
    }

    private static String idle(EngineProgress p, HealthReport health, boolean syncRunning) {
        if (syncRunning) {
            return "Finishing the sync…";
        }
        if (health != null && !health.qdrantReachable()) {
            return "Idle — Qdrant cannot be reached: changes will queue here";
        }
        if (health != null && !health.alarms().isEmpty()) {
            return "Idle — deletions are on hold until you confirm them in Sync health";
        }
        long failed = p.run().failed();
        return failed == 0 ? "Idle — everything is in sync"
                : "Idle — " + documents(failed) + (failed == 1 ? " was" : " were")
                        + " not indexed (see the reasons in the list)";
    }

    private static String activity(EngineProgress p) {
        if (p.currentStage() == null) {
            return "";
        }
        String doc = p.currentDocument() == null ? "" : " “" + p.currentDocument() + "”";
        return " — " + StatusTexts.stageVerb(p.currentStage()) + doc;
    }

    private static String documents(long n) {
        return n == 1 ? "1 document" : Formats.count(n) + " documents";
    }

    private static Tone tone(Kind kind, boolean syncRunning) {
        return switch (kind) {
            case IDLE -> syncRunning ? Tone.BUSY : Tone.GOOD;
            case STARTING, SCANNING, SYNCING -> Tone.BUSY;
            case NOT_SET_UP, PAUSED, STOPPED -> Tone.CALM;
            case SOURCE_MISSING, WAITING_FOR_INDEX -> Tone.WARNING;
            case FAILED, ERROR -> Tone.ERROR;
        };
    }

    private static Banner banner(Kind kind, SessionStatus status, EngineProgress p, HealthReport health) {
        switch (kind) {
            case FAILED -> {
                if (status.message().contains("is already syncing with the data directory")) {
                    // another engine (a watch or a sync on the command line) holds the data folder
                    return new Banner(status.message().replaceFirst("; stop it first, or use it\\.?$", ".")
                            + " Stop it, then press Save and apply in Settings to start again.", false);
                }
                return new Banner(status.message() + " Open Settings to fix it.", false);
            }
            case STARTING, STOPPED -> {
                return null;
            }
            case NOT_SET_UP -> {
                return new Banner(SET_UP_TEXT, true);
            }
            case SOURCE_MISSING -> {
                return new Banner(capitalise(p.reason()) + ". Nothing is deleted: Alexandria syncs it again once "
                        + "the folder is back (an unmounted drive or share?), or choose another folder in Settings.",
                        false);
            }
            case WAITING_FOR_INDEX -> {
                return new Banner("Qdrant cannot be reached (" + p.reason() + "). Alexandria keeps working: changes "
                        + "are queued here and uploaded when Qdrant is back. Check the URL and API key in Settings.",
                        false);
            }
            default -> {
                // the engine has no word on Qdrant, the probe does
            }
        }
        if (health != null && !health.qdrantReachable()) {
            return new Banner(health.qdrantMessage() + ". Alexandria keeps working: changes are queued here and "
                    + "uploaded when Qdrant is back. Check the URL and API key in Settings.", false);
        }
        List<String> alarms = health == null ? List.of() : health.alarms();
        if (!alarms.isEmpty()) {
            return new Banner("Deletions are on hold: " + String.join("; ", alarms.stream().map(StatusTexts::alarm)
                    .toList()) + ". Confirm or keep them in Sync health.", false);
        }
        return null;
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "A folder is missing" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String connection(boolean ready, Kind kind, HealthReport health) {
        if (!ready) {
            return "Qdrant: not connected";
        }
        if (kind == Kind.WAITING_FOR_INDEX) {
            // the engine's word first: it keeps waiting until its stages retry (backoff), even
            // when the probe already finds Qdrant back
            return health != null && health.qdrantReachable() ? "Qdrant: reachable again — resuming shortly"
                    : "Qdrant: unreachable — work is queued";
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
        return kind == Kind.NOT_SET_UP ? "Qdrant: not connected" : "Qdrant: unreachable — work is queued";
    }

    private static TrayState tray(Kind kind, boolean ready, HealthReport health, boolean syncRunning, Banner banner) {
        return switch (kind) {
            case FAILED, ERROR, SOURCE_MISSING, WAITING_FOR_INDEX -> TrayState.ERROR;
            case PAUSED -> TrayState.PAUSED;
            case SCANNING, SYNCING -> TrayState.SYNCING;
            case NOT_SET_UP, STARTING, STOPPED -> TrayState.IDLE;
            case IDLE -> ready && health != null && banner != null && !banner.callToAction() ? TrayState.ERROR
                    : syncRunning ? TrayState.SYNCING : TrayState.IDLE;
        };
    }

    /** Whether the state needs the user's attention (the tray's and the banner's alert). */
    public boolean needsAttention() {
        return tray == TrayState.ERROR;
    }
}
