package io.alexandria.sources.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** TEMPORARY STUB. */
public final class VaultScanner {
    private final Path root;

    public VaultScanner(Path root, List<String> extra) {
        this.root = root;
    }

    public ScanResult scan() throws IOException {
        List<VaultFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.")) {
                    continue;
                }
                out.add(new VaultFile(rel, p, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
            }
        }
        return new ScanResult(out, List.of());
    }
}
