package io.alexandria;

import io.alexandria.config.AppPaths;
import java.nio.file.Path;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points logback's file appender at {@code <dataDir>/logs} before the first logger is created
 * (the {@code --data-dir} option is read from the raw arguments for that purpose), and routes
 * {@code java.util.logging} (gRPC, Netty) into SLF4J with the jul-to-slf4j bridge.
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
            System.setProperty("alexandria.log.dir", AppPaths.resolve(dataDir).logs().toString());
        }
        // gRPC/Netty log through java.util.logging: send it to SLF4J (the file log), not the console
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
