package io.alexandria.ui.ingest;

import io.alexandria.sources.SourceKinds;
import io.alexandria.store.DocumentKey;
import io.alexandria.sync.DocumentLocation;
import io.alexandria.ui.Fx;
import io.alexandria.ui.OutcomeRow;
import io.alexandria.ui.UiContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Where the Ingest pane's documents are on disk, read from the ledger in the background (its
 * {@code root_path} and {@code file_path}): the path a person recognises instead of a Calibre
 * book id or a dropped file's content hash, and the absolute file for Open and Show in folder.
 * Notes are not looked up (their id is their vault path). JavaFX thread, except the lookups.
 */
final class DocumentLocations {
    /** Most keys looked up in one background call. */
    static final int BATCH = 500;

    /**
     * Where one document is.
     *
     * @param file    the absolute file, or null when unknown (another host's book)
     * @param display what the Path column shows
     */
    record Location(Path file, String display) {
    }

    private final UiContext ctx;
    private final Map<DocumentKey, Location> known = new HashMap<>();
    private final Set<DocumentKey> pending = new HashSet<>();
    private final IntegerProperty version = new SimpleIntegerProperty();

    DocumentLocations(UiContext ctx) {
        this.ctx = ctx;
    }

    /** Incremented whenever locations arrive (the table refreshes on it). */
    IntegerProperty versionProperty() {
        return version;
    }

    /** What the Path column shows for {@code row}. */
    String display(OutcomeRow row) {
        Location l = known.get(row.key());
        if (l != null) {
            return l.display();
        }
        return switch (row.source()) {
            case SourceKinds.OBSIDIAN -> row.sourceId();
            case SourceKinds.CALIBRE -> "Calibre book " + row.sourceId();
            default -> "…";
        };
    }

    /** The row's file, when known. */
    Optional<Path> file(OutcomeRow row) {
        Location l = known.get(row.key());
        return l == null ? Optional.empty() : Optional.ofNullable(l.file());
    }

    /** Looks up, in the background, the rows whose location is not known yet. */
    CompletableFuture<Void> request(List<OutcomeRow> rows) {
        List<DocumentKey> keys = new ArrayList<>();
        for (OutcomeRow r : rows) {
            if (SourceKinds.OBSIDIAN.equals(r.source())) {
                continue; // a note's id is its vault path
            }
            DocumentKey k = r.key();
            if (!known.containsKey(k) && pending.add(k)) {
                keys.add(k);
                if (keys.size() == BATCH) {
                    break;
                }
            }
        }
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Map<DocumentKey, Location>> f = ctx.session().call(s -> {
            Map<DocumentKey, Location> found = new HashMap<>();
            s.engine().locate(keys).forEach((k, loc) -> found.put(k, locate(k, loc)));
            return found;
        });
        CompletableFuture<Void> done = new CompletableFuture<>();
        Fx.whenDone(f, found -> {
            keys.forEach(pending::remove);
            known.putAll(found);
            version.set(version.get() + 1);
            done.complete(null);
        }, error -> {
            keys.forEach(pending::remove);
            done.complete(null);
        });
        return done;
    }

    /** The location of a document: root and relative path, or a dropped file's absolute path. */
    static Location locate(DocumentKey key, DocumentLocation loc) {
        if (loc.filePath() == null || loc.filePath().isBlank()) {
            return new Location(null, key.sourceId());
        }
        Path fp = Path.of(loc.filePath());
        Path file = fp.isAbsolute() || loc.rootPath() == null ? fp : Path.of(loc.rootPath()).resolve(fp);
        String display = SourceKinds.FILE.equals(key.source()) ? file.toString() : loc.filePath();
        return new Location(file, display);
    }
}
