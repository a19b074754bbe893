package io.alexandria;

import io.alexandria.cli.AlexandriaCommand;

/**
 * The main class (classpath mode, no module-info: the Qdrant client and DJL do not work as named
 * modules). With no arguments it opens the desktop app; otherwise it runs the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        LogSetup.configure(args);
        if (args.length == 0) {
            DesktopLauncher.launch(args);
            return;
        }
        int code = AlexandriaCommand.execute(args);
        System.exit(code);
    }
}
