package io.alexandria.sources.vault;

import io.alexandria.common.Json;
import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.extraction.markdown.MarkdownExtractor;
import io.alexandria.sources.DocumentSource;
import io.alexandria.sources.SourceItem;
import io.alexandria.sources.SourceKinds;
import io.alexandria.sources.SourceListing;
import io.alexandria.sources.SourceUnavailableException;
import io.alexandria.store.DocumentKey;
import io.alexandria.sources.DocumentFile;
import io.alexandria.store.SourceFacts;
import io.alexandria.store.SourceIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Obsidian vault as a {@link DocumentSource}: every note ({@code .md}) the {@link VaultScanner}
 * accepts, keyed by its vault-relative path; the scope is the vault's folder name (so the same
 * vault synced from two hosts, mounted at different paths, shares point ids). Document payload:
 * {@code vault}, {@code tags}, {@code aliases}, {@code links} (each at most
 * {@link ExtractionLimits#maxPayloadListItems()} items: this payload is copied into every point of
 * the note), {@code tags_total} / {@code aliases_total} / {@code links_total} (only when that list was
 * cut: the full count), {@code encoding} (only for a note decoded from UTF-16 or UTF-32 by its byte
 * order mark), {@code invalid_utf8} (only when the note had invalid UTF-8, decoded with replacement
 * characters), and {@code vault_id}, the vault's identity ({@link VaultId}); the title is the
 * frontmatter {@code title} (at most {@link ExtractionLimits#maxTitleChars()} characters) or else the
 * file name without {@code .md}, as Obsidian shows it.
 */
public final class VaultSource implements DocumentSource {
    private final Path root;
    private final String name;
    private final VaultScanner scanner;
    private final MarkdownExtractor extractor = new MarkdownExtractor();
    private volatile List<ScanProblem> lastProblems = List.of();
    private volatile String vaultId;

    /**
     * A vault whose links out of the vault are not followed.
     *
     * @param root           the vault folder
     * @param ignorePatterns extra gitignore-style patterns (besides {@code .alexandriaignore})
     */
    public VaultSource(Path root, List<String> ignorePatterns) {
        this(root, ignorePatterns, false);
    }

    /**
     * @param root                the vault folder
     * @param ignorePatterns      extra gitignore-style patterns (besides {@code .alexandriaignore})
     * @param followExternalLinks whether symbolic links to notes and folders outside the vault are
     *                            followed (see {@link VaultScanner}; default off)
     */
    public VaultSource(Path root, List<String> ignorePatterns, boolean followExternalLinks) {
        this.root = root.toAbsolutePath().normalize();
        this.name = this.root.getFileName() == null ? this.root.toString() : this.root.getFileName().toString();
        this.scanner = new VaultScanner(this.root, ignorePatterns, followExternalLinks);
    }

    /**
     * The problems of the latest {@link #list()}, per path with a {@link ScanProblem.Kind kind} and a
     * reason (unreadable folders, names that cannot be read, dangling links, link loops, links out of
     * the vault that were skipped, broken ignore rules); empty before the first listing. The same
     * problems are in {@link SourceListing#problems()} as lines of {@link ScanProblem#describe()}; this
     * is the structured form for the sync summary, {@code health} and the Ingest pane.
     */
    public List<ScanProblem> lastScanProblems() {
        return lastProblems;
    }

    @Override
    public String kind() {
        return SourceKinds.OBSIDIAN;
    }

    @Override
    public String scope() {
        return name;
    }

    @Override
    public Path root() {
        return root;
    }

    /** The vault's name (its folder name), as Obsidian URIs use it. */
    public String name() {
        return name;
    }

    /** The scanner, for the watcher to apply the same ignore rules. */
    public VaultScanner scanner() {
        return scanner;
    }

    @Override
    public String describe() {
        return "vault \"" + name + "\" at " + root;
    }

    @Override
    public SourceListing list() throws SourceUnavailableException {
        if (!Files.isDirectory(root)) {
            throw new SourceUnavailableException("the vault folder " + root + " is missing");
        }
        ScanResult result;
        try {
            result = scanner.scan();
        } catch (IOException e) {
            throw new SourceUnavailableException("the vault folder " + root + " cannot be read: " + e.getMessage(), e);
        }
        vaultId = VaultId.of(root);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("vault", name);
        meta.put(SourceIdentity.VAULT_ID, vaultId);
        String metadata = Json.write(meta);
        List<SourceItem> items = new ArrayList<>(result.files().size());
        for (VaultFile f : result.files()) {
            items.add(item(f, metadata));
        }
        lastProblems = result.problems();
        List<String> problems = result.problems().stream().map(ScanProblem::describe).toList();
        return new SourceListing(items, problems, result::mayContain);
    }

    /** The listing item for one note (also used by the watcher for a single changed file). */
    public SourceItem item(VaultFile f, String metadataJson) {
        DocumentKey key = new DocumentKey(SourceKinds.OBSIDIAN, name, f.relativePath());
        SourceFacts facts = new SourceFacts(root.toString(), f.relativePath(), titleOf(f.relativePath()), "MD",
                f.sizeBytes(), f.modifiedMillis(), null, null, metadataJson);
        return new SourceItem(key, f.path(), facts);
    }

    /** The note's name as Obsidian shows it: the file name without {@code .md}. */
    public static String titleOf(String relativePath) {
        String file = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return file.toLowerCase(java.util.Locale.ROOT).endsWith(".md") ? file.substring(0, file.length() - 3) : file;
    }

    @Override
    public Path fileOf(DocumentFile known) {
        return root.resolve(known.filePath());
    }

    /**
     * Extracts the note. Unless links out of the vault are followed, the note's real path (links
     * resolved) must lie inside the vault's real folder: a note replaced by a link to a file outside
     * the vault after the scan fails with {@link ExtractionException#OUTSIDE_VAULT} instead of being
     * read.
     */
    @Override
    public ExtractedDocument extract(DocumentFile known, ExtractionLimits limits) throws ExtractionException {
        Path file = fileOf(known);
        if (!scanner.followsExternalLinks()) {
            try {
                Path real = file.toRealPath();
                if (!real.startsWith(root.toRealPath())) {
                    throw new ExtractionException(ExtractionException.OUTSIDE_VAULT, known.filePath()
                            + " resolves to " + real + ", outside the vault: not read");
                }
            } catch (IOException e) {
                // missing or unreadable: the extractor says which, with its own error type
            }
        }
        return extractor.extract(file, limits);
    }

    @Override
    public Map<String, Object> contentPayload(DocumentFile known, ExtractedDocument document) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (document.title() != null && !document.title().isBlank()) {
            p.put("title", document.title());
        }
        p.put("tags", document.listAttribute(ExtractedDocument.TAGS));
        p.put("aliases", document.listAttribute(ExtractedDocument.ALIASES));
        p.put("links", document.listAttribute(ExtractedDocument.LINKS));
        for (String total : List.of(ExtractedDocument.TAGS_TOTAL, ExtractedDocument.ALIASES_TOTAL,
                ExtractedDocument.LINKS_TOTAL, ExtractedDocument.ENCODING)) {
            Object v = document.attributes().get(total);
            if (v != null) {
                p.put(total, v);
            }
        }
        if (Boolean.TRUE.equals(document.attributes().get(ExtractedDocument.INVALID_UTF8))) {
            p.put("invalid_utf8", true);
        }
        return p;
    }

    /** The vault's {@code vault_id} ({@link VaultId}), read at each listing; empty while the vault is missing. */
    @Override
    public Optional<SourceIdentity> identity() {
        String id = vaultId;
        if (id == null && Files.isDirectory(root)) {
            id = VaultId.of(root);
            vaultId = id;
        }
        return id == null ? Optional.empty()
                : Optional.of(new SourceIdentity(SourceKinds.OBSIDIAN, name, SourceIdentity.VAULT_ID, id));
    }

    @Override
    public boolean detectsRenames() {
        return true;
    }
}
