package io.alexandria;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.util.Map;

/**
 * The app's logging configuration, in code rather than a {@code logback.xml}: logback finds it as
 * a service ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}) and skips its XML
 * configurator, whose parser costs every command a few hundred classes at start-up.
 *
 * <ul>
 *   <li>{@code FILE}: {@code <alexandria.log.dir>/alexandria.log} (the data directory's
 *       {@code logs}, set by {@link LogSetup}; else {@code <tmp>/alexandria-logs}), an
 *       {@link OwnerOnlyLogAppender} rolled daily and at 10 MB, 14 days and 200 MB kept, pattern
 *       {@value #FILE_PATTERN};</li>
 *   <li>{@code STDERR}: the console, for {@code ERROR} only (or the level in
 *       {@code alexandria.console.level});</li>
 *   <li>root {@code INFO}; the libraries below quieter ({@link #LEVELS}).</li>
 * </ul>
 *
 * <p>A configuration file still wins: with {@code -Dlogback.configurationFile=...} or a
 * {@code logback-test.xml} on the class path (the tests') this configurator steps aside.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    static final String FILE_PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n";
    private static final String CONSOLE_PATTERN = "%-5level %logger{20} - %msg%n";
    /** Loggers quieter than the root: the Qdrant client logs every failed call with a stack trace. */
    static final Map<String, Level> LEVELS = Map.of("io.qdrant.client", Level.OFF, "org.flywaydb", Level.ERROR,
            "ai.djl.repository", Level.ERROR, "ai.djl", Level.WARN, "ai.djl.util.cuda", Level.ERROR,
            "ai.djl.onnxruntime.engine.OrtEngine", Level.ERROR, "io.grpc", Level.WARN, "io.netty", Level.WARN,
            "org.apache.pdfbox", Level.ERROR);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty("alexandria.log.dir",
                System.getProperty("java.io.tmpdir") + "/alexandria-logs");

        OwnerOnlyLogAppender<ILoggingEvent> file = new OwnerOnlyLogAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/alexandria.log");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/alexandria.%d{yyyy-MM-dd}.%i.log");
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.setEncoder(encoder(context, FILE_PATTERN));
        file.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDERR");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(System.getProperty("alexandria.console.level", "ERROR"));
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, CONSOLE_PATTERN));
        console.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
