package io.alexandria.ipc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.alexandria.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The single-instance protocol: one connection per request, the client writes one line of JSON
 * ({@link Request}) and the server answers one line ({@link Reply}); lines are UTF-8, at most
 * {@link #MAX_LINE} bytes.
 */
final class Wire {
    /** Longest line either side accepts, in bytes (a request names at most a few thousand files). */
    static final int MAX_LINE = 1 << 20;

    private Wire() {
    }

    /**
     * A request.
     *
     * @param token the endpoint's token
     * @param files absolute paths to add
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Request(String token, List<String> files) {
    }

    /**
     * A reply.
     *
     * @param ok    whether the request was taken
     * @param error why not, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reply(boolean ok, String error) {
    }

    static void writeLine(OutputStream out, Object value) throws IOException {
        byte[] bytes = (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_LINE) {
            throw new IOException("message too long (" + bytes.length + " bytes)");
        }
        out.write(bytes);
        out.flush();
    }

    static <T> T readLine(InputStream in, Class<T> type) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before a full line");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return Json.MAPPER.readValue(line.toString(StandardCharsets.UTF_8), type);
    }
}
