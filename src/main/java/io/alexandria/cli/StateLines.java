package io.alexandria.cli;

import io.alexandria.sync.EngineProgress;
import io.alexandria.sync.EngineStateListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the engine's state transitions as {@code sync} and {@code watch} report them: one line
 * per transition ({@code alexandria: syncing}, {@code alexandria: waiting_for_index — upload:
 * Qdrant UNAVAILABLE…}), or one JSON object per line ({@code {"engine":{"state":…,"reason":…,
 * "since":…}}}); new figures without a transition print nothing.
 */
final class StateLines implements EngineStateListener {
    private final PrintStream out;
    private final boolean json;
    private final boolean reportStop;
    private EngineProgress last;

    /** @param reportStop whether the final {@code stopped} (the engine closed) is printed too */
    StateLines(PrintStream out, boolean json, boolean reportStop) {
        this.out = out;
        this.json = json;
        this.reportStop = reportStop;
    }

    /** The {@code engine} object of the JSON outputs: {@code state}, {@code reason}, {@code since}. */
    static Map<String, Object> toJson(EngineProgress s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state().key());
        m.put("reason", s.reason());
        m.put("since", s.since() == null ? null : s.since().toString());
        return m;
    }

    @Override
    public synchronized void engineStateChanged(EngineProgress s) {
        if (!s.differsInState(last)) {
            return;
        }
        last = s;
        if (s.state() == EngineProgress.State.STOPPED && (s.version() == 0 || !reportStop)) {
            return; // not started yet, or closing: nothing to report
        }
        if (json) {
            out.println(io.alexandria.common.Json.write(Map.of("engine", toJson(s))));
        } else {
            out.println("alexandria: " + s.state().key() + (s.reason() == null ? "" : " — " + s.reason()));
        }
        out.flush();
    }
}
