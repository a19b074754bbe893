package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The CLI, run in-process as {@code Launcher} runs it ({@link AlexandriaCommand#commandLine()}),
 * never repeats a secret a user mistyped onto the command line: for each invocation below the key
 * appears nowhere in stdout, stderr (picocli's writers and {@code System.out/err}) or any log event
 * (root logger at DEBUG while the command runs), and the command fails with a message that names
 * what was wrong.
 */
class SecretArgumentsTest {
    /** A key shaped like real ones: mixed case, digits, a dash and an underscore. */
    static final String KEY = "s3cr3t-Key_9f8e7d";

    @TempDir
    Path tmp;

    private ListAppender<ILoggingEvent> logs;
    private Level rootLevel;

    record Run(int code, String out, String err, String log) {
        String all() {
            return out + "\n" + err + "\n" + log;
        }
    }

    @BeforeEach
    void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            CommandLine cmd = AlexandriaCommand.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            code = cmd.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        StringBuilder log = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            log.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                log.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        return new Run(code, out + sysOut.toString(StandardCharsets.UTF_8),
                err + sysErr.toString(StandardCharsets.UTF_8), log.toString());
    }

    /** Mistyped invocations, each with the key somewhere it does not belong. */
    static Stream<List<String>> mistypedInvocations() {
        return Stream.of(
                List.of("sync", "--api-key", KEY),
                List.of("sync", "--api-key=" + KEY),
                List.of("--api-key", KEY, "sync"),
                List.of("search", "--apikey", KEY, "some text"),
                List.of("health", "-k", KEY),
                List.of("sync", "--token", KEY, "--vault", "/nowhere"),
                List.of("sync", "--qdrant", "https://user:" + KEY + "@nas.local:6334"),
                List.of("sync", "--qdrant", "https://" + KEY + "@nas.local:6334"),
                List.of("sync", "--qdrant", "https://user:" + KEY + "@nas.local:6334/%zz"),
                List.of("health", "--qdrant", KEY),
                List.of("sync", "--api-key-env", KEY),
                List.of("sync", "--api-key-env=" + KEY),
                List.of("sync", "--qdrant", "https://nas.local:6334", KEY),
                List.of("sync", KEY),
                List.of(KEY),
                List.of("help", KEY),
                List.of("search", "some text", "--limit", KEY),
                List.of("sync", "--max-wait", KEY),
                List.of("sync", "--json=" + KEY),
                List.of("events", "--limit", KEY),
                List.of("sync", KEY, "--api-key-env"),
                List.of("search", "--qdrant", KEY, "--api-key-env", "QDRANT_KEY", "some text"));
    }

    @ParameterizedTest
    @MethodSource("mistypedInvocations")
    void aMistypedSecretIsNeverEchoed(List<String> invocation) {
        List<String> args = new ArrayList<>(invocation);
        if (!args.getFirst().equals(KEY) && !args.getFirst().startsWith("-") && !args.getFirst().equals("help")) {
            args.addAll(List.of("--data-dir", tmp.resolve("data").toString()));
        }
        Run r = run(args.toArray(String[]::new));
        assertNotEquals(0, r.code(), "fails: " + r);
        assertFalse(r.err().isBlank(), "says why: " + r);
        assertFalse(r.all().contains(KEY), "the key is not echoed: " + r);
        assertFalse(r.all().contains("9f8e7d") || r.all().contains("s3cr3t"), "no part of the key either: " + r);
    }

    @Test
    void anUnknownKeyOptionIsNamedWithTheWayToGiveTheKey() {
        Run r = run("sync", "--api-key", KEY, "--data-dir", tmp.toString());
        assertEquals(ParameterErrors.EXIT_CODE, r.code());
        assertTrue(r.err().contains("unknown option --api-key"), r.err());
        assertTrue(r.err().contains("--api-key-env VAR"), r.err());
        assertTrue(r.err().contains("1 unexpected argument"), r.err());
        assertTrue(r.err().contains("alexandria sync --help"), r.err());
    }

    @Test
    void aMisspelledOptionGetsASuggestionFromTheCommandsOwnNames() {
        Run r = run("sync", "--qdrnt", "http://localhost:6334");
        assertTrue(r.err().contains("unknown option --qdrnt (did you mean --qdrant?)"), r.err());
    }

    @Test
    void badAndMissingValuesNameTheOptionAndItsType() {
        Run limit = run("search", "text", "--limit", KEY);
        assertTrue(limit.err().contains("invalid value for option --limit N: expected a whole number"), limit.err());
        Run missing = run("sync", "--qdrant");
        assertTrue(missing.err().contains("option --qdrant needs a value"), missing.err());
        Run beforeAnother = run("sync", "--api-key-env", "--data-dir", tmp.toString());
        assertTrue(beforeAnother.err().contains("option --api-key-env needs a value"), beforeAnother.err());
        Run twice = run("search", "text", "--limit", "2", "--limit", "3");
        assertTrue(twice.err().contains("option --limit was given more than once"), twice.err());
    }

    @Test
    void anUnknownCommandForHelpIsNotRepeated() {
        Run r = run("help", KEY);
        assertTrue(r.err().contains("unknown command (not shown") && r.err().contains("sync, watch"), r.err());
    }

    @Test
    void userInfoInTheUrlIsRefusedWithoutRepeatingIt() {
        Run r = run("sync", "--qdrant", "https://me:" + KEY + "@nas.local:6334", "--data-dir", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("must not contain a user name or password"), r.err());
        assertFalse(r.err().contains("me:"), r.err());
    }

    @Test
    void aConventionalVariableNameIsStillNamedWhenUnset() {
        Run r = run("sync", "--api-key-env", "NOT_SET_ANYWHERE_42", "--data-dir", tmp.toString());
        assertTrue(r.err().contains("NOT_SET_ANYWHERE_42"), r.err());
        Run lower = run("sync", "--api-key-env", "not_set_anywhere_42", "--data-dir", tmp.toString());
        assertTrue(lower.err().contains("named by --api-key-env is not set"), lower.err());
        assertFalse(lower.err().contains("not_set_anywhere_42"), lower.err());
    }
}
