package io.alexandria.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import java.util.List;

/**
 * A batch made ready for the model by {@link Embedder#prepare(List)} — tokenised, for the DJL
 * embedders — so that tokenising the next batch can run on another thread while the model works
 * on the current one.
 *
 * @param texts     the batch's texts, in order
 * @param encodings their padded encodings, or {@code null} when the embedder tokenises itself
 */
public record PreparedBatch(List<String> texts, Encoding[] encodings) {
    public PreparedBatch {
        texts = List.copyOf(texts);
    }
}
