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
 * {@code vault}, {@code tags}, {@code aliases}, {@code links}, {@code invalid_utf8} (only when the
 * note had invalid UTF-8, decoded with replacement characters), and {@code vault_id}, the vault's
 * identity ({@link VaultId}); the title is the frontmatter
 * {@code title} or else the file name without {@code .md}, as Obsidian shows it.
 */
public final class VaultSource implements DocumentSource {
    private final Path root;
    private final String name;
    private final VaultScanner scanner;
    private final MarkdownExtractor extractor = new MarkdownExtractor();
    private volatile String vaultId;

    /**
     * @param root           the vault folder
     * @param ignorePatterns extra gitignore-style patterns (besides {@code .alexandriaignore})
     */
    public VaultSource(Path root, List<String> ignorePatterns) {
        this.root = root.toAbsolutePath().normalize();
        this.name = this.root.getFileName() == null ? this.root.toString() : this.root.getFileName().toString();
        this.scanner = new VaultScanner(this.root, ignorePatterns);
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
        List<String> problems = result.problems().stream().map(p -> p.relativePath() + ": " + p.reason()).toList();
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

    @Override
    public ExtractedDocument extract(DocumentFile known, ExtractionLimits limits) throws ExtractionException {
        return extractor.extract(fileOf(known), limits);
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
