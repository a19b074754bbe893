package io.alexandria.pipeline;

import io.alexandria.chunking.Chunk;
import io.alexandria.common.Hashes;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.index.PointIds;
import io.alexandria.store.DocumentRow;
import io.alexandria.store.PendingChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a document's chunks into the rows the chunked stage stores. */
public final class PendingChunks {
    private PendingChunks() {
    }

    /**
     * The pending chunks of {@code chunks} for {@code model}: each with its exact model input
     * ({@link ModelSpec#passageInput} of the chunk's {@link Chunk#embeddingInput()}: the passage
     * prefix, if the model has one, then the context line and the text), the SHA-256 of that input
     * (the embedding-cache key) and its deterministic point id, a UUIDv5 of the document's
     * identity, that hash and the hash's occurrence in the document ({@link PointIds#chunk}), so a
     * re-run or another host writes the same points.
     *
     * @param prefixTokens model tokens of the passage prefix (0 when it has none), added to each
     *                     chunk's count
     */
    public static List<PendingChunk> of(DocumentRow doc, List<Chunk> chunks, ModelSpec model, int prefixTokens) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<PendingChunk> out = new ArrayList<>(chunks.size());
        for (Chunk ch : chunks) {
            String input = model.passageInput(ch.embeddingInput());
            String hash = Hashes.sha256(input);
            int occurrence = occurrences.merge(hash, 1, Integer::sum) - 1;
            out.add(new PendingChunk(doc.id(), ch.ordinal(), hash, PointIds.chunk(doc.docUuid(), hash, occurrence),
                    ch.tokens() + prefixTokens, ch.text(), input, ch.headingPath(), ch.chapter(), ch.page()));
        }
        return out;
    }
}
