package io.alexandria.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.testserver.QdrantTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sync}'s exit codes, run in-process with the real model against the Qdrant test server:
 * 0 when done, {@link SyncCommand#EXIT_DELETIONS_HELD} (3) while the mass-deletion guard holds
 * deletions (6 of 10 notes vanished at once), 0 again once they are confirmed; and the help lists
 * the codes.
 */
class SyncExitCodesTest {
    @TempDir
    Path tmp;

    private int sync(QdrantTestServer server, Path vault, String... extra) {
        CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        String[] base = {"sync", "--vault", vault.toString(), "--qdrant", server.url(), "--data-dir",
            tmp.resolve("data").toString(), "--json"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return cmd.execute(args);
    }

    @Test
    void heldDeletionsGetTheirOwnExitCode() throws Exception {
        Path vault = tmp.resolve("vault");
        Files.createDirectories(vault);
        for (int i = 0; i < 10; i++) {
            Files.writeString(vault.resolve("Note " + i + ".md"), "# Note " + i + "\n\nA short note, number " + i + ".\n");
        }
        try (QdrantTestServer server = QdrantTestServer.start()) {
            assertEquals(SyncCommand.EXIT_DONE, sync(server, vault));
            for (int i = 0; i < 6; i++) {
                Files.delete(vault.resolve("Note " + i + ".md"));
            }
            assertEquals(SyncCommand.EXIT_DELETIONS_HELD, sync(server, vault), "6 of 10 vanished: held");
            assertEquals(SyncCommand.EXIT_DELETIONS_HELD, sync(server, vault), "still held until confirmed");
            assertEquals(SyncCommand.EXIT_DONE, sync(server, vault, "--confirm-deletes"));
            assertEquals(SyncCommand.EXIT_DONE, sync(server, vault), "nothing held any more");
        }
    }

    @Test
    void theHelpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine cmd = AlexandriaCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        assertEquals(0, cmd.execute("sync", "--help"));
        assertTrue(out.toString().contains("Exit codes:") && out.toString().contains("3   deletions held"), out.toString());
    }
}
