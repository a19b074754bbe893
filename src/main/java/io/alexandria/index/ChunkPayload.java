package io.alexandria.index;

import io.alexandria.common.Timestamps;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of a chunk point ({@code docs/architecture.md}, "Chunk payload"): {@code text},
 * {@code source}, {@code source_id}, {@code doc_id}, {@code file_path}, {@code title},
 * {@code heading_path} (list), {@code heading} (joined with " > "), {@code chunk_ordinal},
 * {@code tokens}, {@code content_hash}, {@code modified_at} (ISO-8601 UTC), {@code file_size}
 * (bytes), {@code model}, {@code hostname}, {@code ingest_version}; {@code chapter} and
 * {@code page} when the chunk has them; then the document-level fields of its source (notes:
 * {@code vault}, {@code tags}, {@code aliases}; Calibre books: {@code book_id}, {@code author},
 * {@code authors}, {@code language}, {@code library_id}, {@code format}, …).
 */
public final class ChunkPayload {
    private ChunkPayload() {
    }

    /** Builds the payload map (plain Java values, see {@link Payloads#toPayload}). */
    public static Map<String, Object> build(DocumentRow doc, Map<String, Object> docPayload, PendingChunk chunk,
                                            String model, String hostname) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("text", chunk.text());
        p.put("source", doc.key().source());
        p.put("source_id", doc.key().sourceId());
        p.put("doc_id", doc.docUuid().toString());
        p.put("file_path", doc.filePath());
        p.put("title", doc.title());
        p.put("heading_path", chunk.headingPath());
        p.put("heading", String.join(" > ", chunk.headingPath()));
        p.put("chunk_ordinal", chunk.ordinal());
        p.put("tokens", chunk.tokens());
        p.put("content_hash", doc.contentHash());
        p.put("modified_at", Timestamps.iso(Instant.ofEpochMilli(doc.mtimeMs())));
        p.put("file_size", doc.sizeBytes());
        p.put("model", model);
        p.put("hostname", hostname);
        p.put("ingest_version", Timestamps.INGEST_VERSION);
        if (chunk.chapter() != null) {
            p.put("chapter", chunk.chapter());
        }
        if (chunk.page() != null) {
            p.put("page", chunk.page());
        }
        if (docPayload != null) {
            for (var e : docPayload.entrySet()) {
                p.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return p;
    }

    /** The document-level fields a payload-only update rewrites on every point of a document. */
    public static Map<String, Object> documentFields(DocumentRow doc, Map<String, Object> docPayload) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", doc.title());
        p.put("file_path", doc.filePath());
        p.put("modified_at", Timestamps.iso(Instant.ofEpochMilli(doc.mtimeMs())));
        p.put("file_size", doc.sizeBytes());
        if (docPayload != null) {
            p.putAll(docPayload);
        }
        return p;
    }
}
