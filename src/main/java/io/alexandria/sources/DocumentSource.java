package io.alexandria.sources;

import io.alexandria.extraction.ExtractedDocument;
import io.alexandria.extraction.ExtractionException;
import io.alexandria.extraction.ExtractionLimits;
import io.alexandria.store.SourceIdentity;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A place documents come from: an Obsidian vault, a Calibre library, or standalone files. The
 * engine lists it, compares the listing with the ledger, and asks it to extract what changed.
 */
public interface DocumentSource {
    /** {@link SourceKinds} value: {@code obsidian}, {@code calibre} or {@code file}. */
    String kind();

    /** The scope of its document keys: vault name, library uuid, or "" for files. */
    String scope();

    /** The folder watched, or {@code null} for standalone files. */
    Path root();

    /** One line for users, e.g. {@code vault "Notes" at /home/me/Notes}. */
    String describe();

    /**
     * Lists every document the source holds now.
     *
     * @throws SourceUnavailableException when the root is missing or unreadable (nothing may be
     *                                    deleted on the strength of this listing)
     */
    SourceListing list() throws SourceUnavailableException;

    /** The absolute file of a known document. */
    Path fileOf(DocumentFile known);

    /**
     * Extracts the document's text.
     *
     * @throws ExtractionException with an error type when the file is bad (missing, corrupt…)
     */
    ExtractedDocument extract(DocumentFile known, ExtractionLimits limits) throws ExtractionException;

    /**
     * Document-level payload fields derived from the extracted content (e.g. a note's tags and
     * aliases, a book's page count); the source's own metadata (from the scan) is merged over
     * them.
     */
    Map<String, Object> contentPayload(DocumentFile known, ExtractedDocument document);

    /** Whether a moved file with unchanged content should be treated as a rename (notes: yes). */
    default boolean detectsRenames() {
        return false;
    }

    /** Whether documents missing from a listing are deleted (false for standalone files). */
    default boolean deletesMissing() {
        return true;
    }

    /**
     * The identity every point and event of this source carries, shared by all hosts syncing the
     * same library or vault ({@code docs/architecture.md}, "Ownership"): a Calibre library's
     * {@code library_id}, a vault's {@code vault_id}. Empty when the source has none (dropped
     * files) or it is not known yet (a library never opened): then nothing in Qdrant is treated as
     * this source's beyond the documents of this host's ledger.
     */
    default Optional<SourceIdentity> identity() {
        return Optional.empty();
    }
}
