package io.alexandria;

import io.alexandria.cli.AlexandriaCommand;
import io.alexandria.ui.DesktopArgs;
import java.util.List;

/**
 * The main class (classpath mode, no module-info: the Qdrant client and DJL do not work as named
 * modules). With no arguments, with {@code --smoke} (the installer test: open the window, sync a
 * vault, exit), or with only files to add and desktop options ({@code --data-dir}), it opens the
 * desktop app — or hands the files to the one already running ({@link DesktopLauncher});
 * otherwise it runs the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        // Without --sun-misc-unsafe-memory-access=allow, JDK 25 warns when Netty (in gRPC) uses
        // sun.misc.Unsafe: keep Netty off it then (protobuf may still warn once).
        // (the launcher turns that option into this property; reading it costs nothing, unlike JMX)
        boolean unsafeAllowed = "allow".equals(System.getProperty("sun.misc.unsafe.memory.access"));
        if (!unsafeAllowed && System.getProperty("io.grpc.netty.shaded.io.netty.noUnsafe") == null) {
            System.setProperty("io.grpc.netty.shaded.io.netty.noUnsafe", "true");
        }
        LogSetup.configure(args);
        List<String> raw = List.of(args);
        if (raw.isEmpty() || raw.contains("--smoke")
                || DesktopArgs.opensWindow(raw, AlexandriaCommand.commandLine().getSubcommands().keySet())) {
            DesktopLauncher.launch(args);
            return;
        }
        int code = AlexandriaCommand.execute(args);
        System.exit(code);
    }
}
