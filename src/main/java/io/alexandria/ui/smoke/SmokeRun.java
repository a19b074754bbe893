package io.alexandria.ui.smoke;

import io.alexandria.app.AppServices;
import io.alexandria.app.LaunchOptions;
import io.alexandria.health.HealthReport;
import io.alexandria.sources.calibre.CalibreLibrary;
import io.alexandria.sources.calibre.LibraryCheck;
import io.alexandria.sources.vault.VaultCheck;
import io.alexandria.sources.vault.VaultScanner;
import io.alexandria.sync.SyncSummary;
import io.alexandria.ui.Fx;
import io.alexandria.ui.MainWindow;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code --smoke} run (the installer test of issue #8): with the main window open, checks that
 * the vault (or library) is there and Qdrant answers, presses Sync now (the same action as the
 * button), waits until the pipeline is idle, and tells how it went in one line. Exit code 0 when
 * the sync completed and indexed what the source holds; 1 with a reason otherwise, or when the
 * time limit passes.
 */
public final class SmokeRun {
    private SmokeRun() {
    }

    /**
     * How the smoke run ended.
     *
     * @param exitCode 0 ok, 1 failed
     * @param line     the one line to print
     */
    public record Result(int exitCode, String line) {
        static Result failed(String why) {
            return new Result(1, "alexandria: smoke failed: " + why);
        }
    }

    /**
     * Runs the smoke test once the session has started.
     *
     * @param started the session's start
     */
    public static CompletableFuture<Result> run(MainWindow window, CompletableFuture<AppServices> started,
                                                LaunchOptions options) {
        long t0 = System.nanoTime();
        CompletableFuture<Result> result = new CompletableFuture<>();
        started.thenCompose(services -> window.context().session().call(s -> preflight(s, options)))
                .whenComplete((problem, error) -> Fx.run(() -> {
                    if (error != null) {
                        result.complete(Result.failed(oneLine(Fx.describe(error))));
                    } else if (problem != null) {
                        result.complete(Result.failed(problem));
                    } else {
                        window.select("ingestTab");
                        Duration left = options.timeout().minusNanos(System.nanoTime() - t0);
                        window.context().actions().syncNow(left.isNegative() ? Duration.ZERO : left)
                                .whenComplete((summary, e) -> result.complete(e != null
                                        ? Result.failed(oneLine(Fx.describe(e)))
                                        : summary == null ? Result.failed("no vault or library to sync")
                                        : verdict(summary, System.nanoTime() - t0)));
                    }
                }));
        return result.orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> Fx.unwrap(e) instanceof TimeoutException
                        ? Result.failed("the sync did not finish within " + options.timeout().toSeconds() + " s")
                        : Result.failed(oneLine(Fx.describe(e))));
    }

    /** Null when the smoke run can go ahead, else why not. Runs on a background thread. */
    static String preflight(AppServices s, LaunchOptions options) {
        if (options.vault() != null) {
            VaultCheck v = VaultScanner.checkVault(options.vault());
            if (!v.isVault()) {
                return v.message();
            }
        }
        if (options.calibre() != null) {
            LibraryCheck c = CalibreLibrary.looksLikeLibrary(options.calibre());
            if (!c.ok()) {
                return c.message();
            }
        }
        HealthReport h = s.health().report();
        return h.qdrantReachable() ? null : h.qdrantMessage();
    }

    /** The verdict on a finished sync. */
    static Result verdict(SyncSummary s, long nanos) {
        String figures = String.format(Locale.ROOT, "%d documents: %d indexed, %d unchanged, %d failed; %d chunks in %.1f s",
                s.documents(), s.indexed(), s.unchanged(), s.failed(), s.chunks(), nanos / 1e9);
        if (!s.complete()) {
            return Result.failed(oneLine(s.message() == null ? "work was left queued" : s.message()) + " (" + figures
                    + ")");
        }
        if (s.documents() > 0 && s.indexed() + s.unchanged() == 0) {
            return Result.failed("no document could be indexed (" + figures + ")");
        }
        return new Result(0, "alexandria: smoke ok — " + figures);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
