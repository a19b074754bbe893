package io.alexandria.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports command-line mistakes without ever printing what the user typed as a value: a user who
 * writes {@code --api-key KEY} (an option that does not exist, on purpose) must not find the key
 * echoed on the terminal, in a CI log or in a bug report. picocli's own messages quote the
 * offending arguments ({@code Unknown options: '--api-key', 'KEY'}); this handler composes its
 * own from the command model instead: it names options, parameter labels and the command, and
 * counts stray values without showing them.
 *
 * <p>An unknown argument is named only when it is shaped like an option name ({@code -x},
 * {@code --some-name}, at most 40 characters; anything after {@code =} is dropped). Suggestions
 * ("did you mean") are printed only when they are names this command defines. One line per
 * problem on stderr, then a pointer to {@code --help}; exit code {@value #EXIT_CODE} (the CLI's
 * "error" code, see the command table in {@code README.md}).
 */
final class ParameterErrors implements IParameterExceptionHandler {
    /** Exit code for a command-line mistake: the CLI's general error code. */
    static final int EXIT_CODE = 1;
    private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,39}");
    private static final Pattern SECRET_WORDS = Pattern.compile("key|token|secret|passw|credential|auth",
            Pattern.CASE_INSENSITIVE);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
        for (String line : describe(ex)) {
            err.println(prefix + line);
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return EXIT_CODE;
    }

    /** The problem in lines that name options and labels only (package-private for tests). */
    static List<String> describe(ParameterException ex) {
        List<String> lines = new ArrayList<>();
        CommandLine cmd = ex.getCommandLine();
        switch (ex) {
            case UnmatchedArgumentException u -> unmatched(u, cmd, lines);
            case MissingParameterException m -> missing(m, lines);
            case OverwrittenOptionException o -> lines.add("option " + name(o.getOverwritten()) + " was given more than once");
            default -> {
                ArgSpec spec = ex.getArgSpec();
                if (spec != null && ex.getValue() != null) {
                    lines.add("invalid value for " + describe(spec) + expected(spec) + " (the value is not shown)");
                } else if (spec != null) {
                    lines.add("invalid use of " + describe(spec));
                } else if (String.valueOf(ex.getMessage()).startsWith("Unknown subcommand")) {
                    lines.add("unknown command (not shown, in case it is a secret); the commands are: "
                            + String.join(", ", cmd.getCommandSpec().root().subcommands().keySet()));
                } else {
                    lines.add("invalid arguments (not shown)");
                }
            }
        }
        return lines;
    }

    private static void unmatched(UnmatchedArgumentException u, CommandLine cmd, List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        int values = 0;
        for (String arg : u.getUnmatched()) {
            String head = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (OPTION_NAME.matcher(head).matches()) {
                names.add(head);
            } else {
                values++;
            }
        }
        Set<String> known = knownNames(cmd);
        for (String name : names) {
            StringBuilder line = new StringBuilder("unknown option " + name);
            if (SECRET_WORDS.matcher(name).find()) {
                line.append(" — secrets are never taken from the command line: put the Qdrant API key in an "
                        + "environment variable and give its name with --api-key-env VAR");
            } else {
                List<String> close = u.getSuggestions().stream().filter(known::contains).limit(3).toList();
                if (!close.isEmpty()) {
                    line.append(" (did you mean ").append(String.join(" or ", close)).append("?)");
                }
            }
            lines.add(line.toString());
        }
        if (values > 0) {
            lines.add(values + (values == 1 ? " unexpected argument" : " unexpected arguments")
                    + " (not shown, in case it is a secret)");
        }
    }

    private static void missing(MissingParameterException m, List<String> lines) {
        // picocli uses this exception both for a required option that is absent and for an option
        // given without its value; its message (never printed) tells which
        String text = String.valueOf(m.getMessage());
        boolean valueMissing = text.startsWith("Missing required parameter for option")
                || text.startsWith("Expected parameter for option");
        for (ArgSpec spec : m.getMissing()) {
            if (valueMissing && spec instanceof OptionSpec) {
                lines.add("option " + name(spec) + " needs a value: " + describe(spec));
            } else {
                lines.add("missing " + describe(spec));
            }
        }
        if (m.getMissing().isEmpty()) {
            lines.add("a required argument is missing");
        }
    }

    /** The option and subcommand names of {@code cmd}, the only words suggestions may show. */
    private static Set<String> knownNames(CommandLine cmd) {
        Set<String> known = new LinkedHashSet<>();
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            known.addAll(List.of(o.names()));
        }
        known.addAll(cmd.getSubcommands().keySet());
        return known;
    }

    private static String name(ArgSpec spec) {
        if (spec instanceof OptionSpec o) {
            return o.longestName();
        }
        return spec.paramLabel();
    }

    private static String describe(ArgSpec spec) {
        if (spec instanceof OptionSpec o) {
            return o.arity().max() == 0 ? "option " + o.longestName() : "option " + o.longestName() + " " + o.paramLabel();
        }
        if (spec instanceof PositionalParamSpec p) {
            return "argument " + p.paramLabel();
        }
        return "an argument";
    }

    /** What kind of value the option takes, from its declared type. */
    private static String expected(ArgSpec spec) {
        Class<?> type = spec.auxiliaryTypes().length > 0 ? spec.auxiliaryTypes()[0] : spec.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return ": expected a whole number";
        }
        if (type == double.class || type == Double.class) {
            return ": expected a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return ": takes no value";
        }
        if (type.isEnum()) {
            List<String> constants = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                constants.add(c.toString().toLowerCase(Locale.ROOT));
            }
            return ": expected one of " + String.join(", ", constants);
        }
        return "";
    }
}
