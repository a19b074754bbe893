package io.alexandria.testserver;

import io.alexandria.qdrant.LocalQdrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The Qdrant contract against the local index restarted as after a crash: before every read-back
 * the folder is copied while the server runs (the files as a {@code kill -9} would leave them,
 * write-ahead log not yet checkpointed, lock file left out as the OS drops it with the process),
 * the old server is abandoned, and a new one opens the copy.
 */
class CrashedLocalQdrantContractTest extends LocalQdrantContractTest {
    private int crashes;

    @Override
    protected void reopen() throws Exception {
        Path copy = Files.createTempDirectory(temp, "crash" + crashes++);
        copyTree(folder, copy);
        client.close();
        server.stop();
        LocalQdrant abandoned = server;
        folder = copy;
        server = LocalQdrant.open(folder);
        client = clientOf(server);
        abandoned.close();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals(".lock")
                        && !p.getFileName().toString().equals("write.lock")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
