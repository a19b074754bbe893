package io.alexandria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import io.alexandria.config.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log file appender of {@code LogConfigurator} creates its folder {@code 700} and every log file
 * {@code 600}: at start, after a rollover, and when an existing file or folder was wider.
 */
class OwnerOnlyLogAppenderTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** An appender configured as in {@code LogConfigurator}, with a fixed-window rollover, started. */
    private static OwnerOnlyLogAppender<ILoggingEvent> started(Path logs, LoggerContext context) {
        OwnerOnlyLogAppender<ILoggingEvent> appender = new OwnerOnlyLogAppender<>();
        appender.setContext(context);
        appender.setFile(logs.resolve("alexandria.log").toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logs.resolve("alexandria.%i.log").toString());
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        assertTrue(appender.isStarted(), "the appender starts");
        return appender;
    }

    @Test
    void logFilesAreOwnerOnlyAtStartAndAfterARollover() throws IOException {
        assumeTrue(OwnerOnly.posix(), "POSIX permissions (the Windows ACL path is not exercised here)");
        Path logs = tmp.resolve("data/logs");
        LoggerContext context = new LoggerContext();
        OwnerOnlyLogAppender<ILoggingEvent> appender = started(logs, context);
        try {
            appender.doAppend(new LoggingEvent("test", context.getLogger("test"), ch.qos.logback.classic.Level.INFO,
                    "indexed Lighthouses.md", null, null));
            assertEquals("rwx------", mode(logs));
            assertEquals("rw-------", mode(logs.resolve("alexandria.log")));
            appender.rollover();
            assertTrue(Files.exists(logs.resolve("alexandria.1.log")), "rolled over");
            assertEquals("rw-------", mode(logs.resolve("alexandria.1.log")));
            assertEquals("rw-------", mode(logs.resolve("alexandria.log")), "the new file after the rollover");
        } finally {
            appender.stop();
        }
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(logs.resolve("alexandria.log"), PosixFilePermissions.fromString("rw-r--r--"));
        started(logs, context).stop();
        assertEquals("rwx------", mode(logs), "an existing folder is tightened");
        assertEquals("rw-------", mode(logs.resolve("alexandria.log")), "an existing file is tightened");
    }
}
