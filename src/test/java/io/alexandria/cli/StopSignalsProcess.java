package io.alexandria.cli;

import io.alexandria.store.AppState;
import io.alexandria.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * For {@link StopSignalsTest}: opens the ledger in {@code args[0]} (with AUTO_SERVER, as the CLI
 * does), installs {@link StopSignals} with a stop that still writes to it ({@code stopped=orderly},
 * like the watch ending its run) and closes it, prints {@code ready} and waits for a signal.
 */
public final class StopSignalsProcess {
    private StopSignalsProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(Path.of(args[0]));
        StopSignals.install(() -> {
            db.inTransactionVoid(c -> new AppState().put(c, "stopped", "orderly"));
            db.close();
        }, Duration.ofSeconds(30));
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
