package io.alexandria.ipc;

import java.nio.file.Path;
import java.util.List;

/**
 * What a second launch hands to the running instance: bring the window forward, and add these
 * files (a file manager's "Open with", a drop onto the app's icon).
 *
 * @param files absolute paths of files and folders to add (may be empty)
 */
public record LaunchRequest(List<String> files) {
    public LaunchRequest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A request for {@code paths}, made absolute against the launching process's working directory. */
    public static LaunchRequest of(List<Path> paths) {
        return new LaunchRequest(paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    }

    /** The files as paths. */
    public List<Path> paths() {
        return files.stream().map(Path::of).toList();
    }
}
