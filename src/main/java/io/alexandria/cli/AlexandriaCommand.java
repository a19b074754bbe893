package io.alexandria.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: {@code alexandria <command>}; without a command the desktop app opens. */
@Command(name = "alexandria", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Keeps an Obsidian vault or a Calibre library searchable in Qdrant, embedded locally.",
            "Run without arguments to open the desktop app."},
        subcommands = {SyncCommand.class, WatchCommand.class, SearchCommand.class, HealthCommand.class,
            VerifyCommand.class, ModelCommand.class, EventsCommand.class, StatsCommand.class, BookCommand.class,
            CommandLine.HelpCommand.class})
public final class AlexandriaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the CLI and returns the exit code (errors print one line on stderr). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command line with the CLI's error handling ({@link CliException}s as one line on stderr,
     * exit code 1; command-line mistakes reported by {@link ParameterErrors}, which never prints an
     * argument's value, exit code 1); set its out/err writers to capture output, e.g. in tests.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AlexandriaCommand());
        cmd.setParameterExceptionHandler(new ParameterErrors());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException || ex instanceof io.alexandria.store.StoreException
                    || ex instanceof io.alexandria.embedding.EmbeddingException
                    || ex instanceof io.alexandria.index.QdrantException) {
                commandLine.getErr().println("alexandria: " + ex.getMessage()); // a reason users act on
                return 1;
            }
            commandLine.getErr().println("alexandria: " + ex); // unexpected: keep the exception type
            return 1;
        });
        return cmd;
    }
}
