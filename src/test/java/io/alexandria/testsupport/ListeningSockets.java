package io.alexandria.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among
 * {@code /proc/<pid>/fd/*} links ({@code socket:[inode]}) matched with the rows of
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} in state {@code 0A} (LISTEN). Addresses there
 * are hexadecimal, each 32-bit word in host (little-endian) order; IPv4-mapped IPv6 addresses come
 * back as IPv4 ones.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    /** One listening socket. */
    public record Listener(InetAddress address, int port) {
        /** Whether it is bound to a loopback address (127.0.0.0/8, ::1). */
        public boolean loopback() {
            return address.isLoopbackAddress();
        }
    }

    private ListeningSockets() {
    }

    /** Whether this system has {@code /proc/net/tcp} (Linux). */
    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /**
     * The listening TCP sockets process {@code pid} holds.
     *
     * @throws IOException when {@code /proc} cannot be read
     */
    public static List<Listener> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing
                }
            }
        }
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            List<String> rows = Files.readAllLines(p);
            for (String line : rows.subList(1, rows.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return out;
    }

    /** The listening sockets of this JVM. */
    public static List<Listener> ofThisProcess() throws IOException {
        return of(ProcessHandle.current().pid());
    }

    private static InetAddress address(String hex) throws IOException {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
