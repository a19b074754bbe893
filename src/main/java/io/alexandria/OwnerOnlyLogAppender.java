package io.alexandria;

import ch.qos.logback.core.rolling.RollingFileAppender;
import io.alexandria.config.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;

/**
 * logback's rolling file appender, but every log file it opens (at start and after each rollover)
 * is created {@code 600} in a {@code 700} folder (see {@link OwnerOnly}): logs name notes and
 * books. Used by {@link LogConfigurator} for the file log. A folder or file owned by someone else is left as it is
 * (the OS refuses the change; logging goes on).
 *
 * @param <E> the logging event type
 */
public final class OwnerOnlyLogAppender<E> extends RollingFileAppender<E> {
    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        try {
            OwnerOnly.directory(file.getParent());
            OwnerOnly.createFile(file);
        } catch (IOException e) {
            addWarn("cannot make " + file + " readable by its owner only: " + e);
        }
        super.openFile(fileName);
    }
}
