package io.alexandria.ipc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.alexandria.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the running instance listens, as published in {@code <dataDir>/instance.json} (readable by
 * its owner only): a loopback TCP port and a random token every request must carry, so that
 * another user of the machine, who can reach the port but not read the file, cannot talk to it.
 *
 * @param port  TCP port on the loopback address
 * @param token 32 random bytes, base64url
 * @param pid   the listening process (for people reading the file)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceEndpoint(int port, String token, long pid) {
    /** The endpoint file's name in the data directory. */
    public static final String FILE = "instance.json";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh endpoint for {@code port} with a new random token and this process's id. */
    static InstanceEndpoint create(int port) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new InstanceEndpoint(port, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                ProcessHandle.current().pid());
    }

    /** The endpoint file of {@code dataDir}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /** Reads the published endpoint; empty when there is none or it cannot be parsed (a stale or torn file). */
    static Optional<InstanceEndpoint> read(Path dataDir) {
        try {
            String text = Files.readString(file(dataDir), StandardCharsets.UTF_8);
            InstanceEndpoint e = Json.MAPPER.readValue(text, InstanceEndpoint.class);
            return e.port() > 0 && e.port() < 65536 && e.token() != null ? Optional.of(e) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Publishes this endpoint in {@code dataDir}, readable by its owner only. */
    void publish(Path dataDir) throws IOException {
        OwnerOnlyFile.write(file(dataDir), Json.write(this));
    }

    @Override
    public String toString() {
        return "InstanceEndpoint[127.0.0.1:" + port + ", pid " + pid + "]";
    }
}
