package io.alexandria.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops a long-running command in order on SIGTERM, SIGINT (Ctrl-C) and SIGHUP, <em>before</em>
 * the JVM's shutdown begins. JVM shutdown hooks run concurrently, and H2 closes the database in one
 * of them (it requires {@code DB_CLOSE_ON_EXIT} with {@code AUTO_SERVER}): a stop that still
 * writes to the ledger (ending the run in {@code sync_runs}) lost that race and printed
 * "Database is already closed" with a stack trace. Handling the signal itself (through
 * {@code sun.misc.Signal} of the {@code jdk.unsupported} module, the JDK's only signal API) runs the
 * stop first, then exits with 0; H2's hook then finds the database closed.
 *
 * <p>The stop runs on its own thread; after {@code limit} the process exits anyway (H2's hook still
 * closes the database). A second signal while stopping exits at once with 1. Errors of the stop are
 * logged (the log file), never printed with a stack trace. A signal the OS does not have (SIGHUP
 * on Windows) is skipped.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /**
     * Installs the handlers for this process.
     *
     * @param orderlyStop what stops the command (closing the watcher and the engine)
     * @param limit       how long the stop may take before the process exits anyway
     */
    static void install(Runnable orderlyStop, Duration limit) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!stopping.compareAndSet(false, true)) {
                        System.exit(1);
                    }
                    Thread stop = Thread.ofPlatform().name("alexandria-stop").start(() -> {
                        try {
                            orderlyStop.run();
                        } catch (RuntimeException e) {
                            LOG.warn("stopping after SIG{}: {}", name, e.toString());
                        }
                    });
                    try {
                        stop.join(limit);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    System.exit(0);
                });
            } catch (IllegalArgumentException notOnThisOs) {
                // e.g. SIGHUP on Windows, or signals reserved with -Xrs
            }
        }
    }
}
