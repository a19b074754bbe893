package io.alexandria.ui.search;

import io.alexandria.config.Settings;
import io.alexandria.search.SearchHit;
import io.alexandria.sources.SourceKinds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a search hit can be opened: a note in Obsidian ({@code obsidian://open?vault=…&file=…},
 * URL-encoded), a Calibre book or a dropped file as a {@code file:} URI. Pure; no I/O.
 */
public final class OpenLinks {
    private OpenLinks() {
    }

    /** Obsidian's URI for a vault-relative note path (the {@code .md} extension is left out, as Obsidian does). */
    public static String obsidian(String vaultName, String notePath) {
        String file = notePath.replace('\\', '/');
        if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".md")) {
            file = file.substring(0, file.length() - 3);
        }
        return "obsidian://open?vault=" + encode(vaultName) + "&file=" + encode(file);
    }

    /** Percent-encoding as a URI query wants it (spaces as {@code %20}, not {@code +}). */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the open button says for a hit (Obsidian taken as installed), or empty when it cannot be opened. */
    public static Optional<String> label(SearchHit hit) {
        return label(hit, true);
    }

    /**
     * What the open button says for a hit, or empty when it cannot be opened: a note opens in
     * Obsidian only when Obsidian is installed, else it is shown in its folder.
     */
    public static Optional<String> label(SearchHit hit, boolean obsidianInstalled) {
        return switch (hit.source() == null ? "" : hit.source()) {
            case SourceKinds.OBSIDIAN -> Optional.of(obsidianInstalled ? "Open in Obsidian" : "Show in folder");
            case SourceKinds.CALIBRE -> Optional.of("Open book");
            case SourceKinds.FILE -> Optional.of("Open file");
            default -> Optional.empty();
        };
    }

    /**
     * The hit's file on this computer, given the settings in effect: the note in the vault, the
     * book in the library, the dropped file; empty when unknown (another host's vault).
     */
    public static Optional<Path> file(SearchHit hit, Settings settings) {
        String source = hit.source() == null ? "" : hit.source();
        switch (source) {
            case SourceKinds.OBSIDIAN -> {
                String note = hit.filePath() != null ? hit.filePath() : hit.sourceId();
                if (note == null || settings == null || settings.vaultPath() == null) {
                    return Optional.empty();
                }
                return Optional.of(Path.of(settings.vaultPath()).resolve(note));
            }
            case SourceKinds.CALIBRE -> {
                if (hit.filePath() == null || settings == null || settings.calibrePath() == null) {
                    return Optional.empty();
                }
                return Optional.of(Path.of(settings.calibrePath()).resolve(hit.filePath()));
            }
            case SourceKinds.FILE -> {
                return hit.filePath() == null ? Optional.empty() : Optional.of(Path.of(hit.filePath()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * The URI to open {@code hit} with, given the settings in effect (the vault's folder name is
     * its Obsidian name; a book's path is relative to the Calibre library).
     */
    public static Optional<String> uri(SearchHit hit, Settings settings) {
        String source = hit.source() == null ? "" : hit.source();
        switch (source) {
            case SourceKinds.OBSIDIAN -> {
                String vault = hit.payload().get("vault") instanceof String v && !v.isBlank() ? v
                        : settings == null || settings.vaultPath() == null ? null
                        : Path.of(settings.vaultPath()).getFileName().toString();
                String note = hit.filePath() != null ? hit.filePath() : hit.sourceId();
                return vault == null || note == null ? Optional.empty() : Optional.of(obsidian(vault, note));
            }
            case SourceKinds.CALIBRE -> {
                if (hit.filePath() == null || settings == null || settings.calibrePath() == null) {
                    return Optional.empty();
                }
                return Optional.of(Path.of(settings.calibrePath()).resolve(hit.filePath()).toUri().toString());
            }
            case SourceKinds.FILE -> {
                return hit.filePath() == null ? Optional.empty() : Optional.of(Path.of(hit.filePath()).toUri().toString());
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** Where a hit comes from, in one line: path or book, then heading / chapter / page. */
    public static String location(SearchHit hit) {
        StringBuilder sb = new StringBuilder();
        if (SourceKinds.CALIBRE.equals(hit.source())) {
            Object author = hit.payload().get("author");
            sb.append("Book").append(author == null ? "" : " by " + author);
            if (hit.filePath() != null) {
                sb.append(" — ").append(hit.filePath());
            }
        } else {
            sb.append(hit.filePath() != null ? hit.filePath() : hit.sourceId());
        }
        if (hit.heading() != null && !hit.heading().isBlank()) {
            sb.append(" › ").append(hit.heading());
        }
        if (hit.chapter() != null && !hit.chapter().isBlank()) {
            sb.append(" › chapter ").append(hit.chapter());
        }
        if (hit.page() != null) {
            sb.append(" › page ").append(hit.page());
        }
        return sb.toString();
    }
}
