package io.alexandria;

import io.alexandria.config.AppPaths;
import io.alexandria.config.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points logback's file appender at {@code <dataDir>/logs} before the first logger is created
 * (the {@code --data-dir} option is read from the raw arguments for that purpose), creates the
 * data and log folders owner-only ({@code 700}, see {@link OwnerOnly}; the log files themselves are
 * made {@code 600} by {@link OwnerOnlyLogAppender}), and routes {@code java.util.logging} (gRPC,
 * Netty) into SLF4J with the jul-to-slf4j bridge.
 */
final class LogSetup {
    private LogSetup() {
    }

    static void configure(String[] args) {
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--data-dir=")) {
                dataDir = Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        if (System.getProperty("alexandria.log.dir") == null) {
            AppPaths paths = AppPaths.resolve(dataDir);
            try {
                OwnerOnly.directory(paths.dataDir());
            } catch (IOException e) {
                // not ours or not creatable: the database reports it when it opens; logging goes on
            }
            System.setProperty("alexandria.log.dir", paths.logs().toString());
        }
        // gRPC/Netty log through java.util.logging: send it to SLF4J (the file log), not the console
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
