package io.alexandria.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.List;
import java.util.function.Function;

/**
 * The prepare / run split shared by the DJL embedders: tokenise (thread-safe, may run ahead on
 * another thread), then run the predictor on the padded encodings.
 */
final class DjlBatches {
    private DjlBatches() {
    }

    /** Tokenises a batch (padded to its longest member by the tokenizer's settings). */
    static PreparedBatch prepare(HuggingFaceTokenizer tokenizer, List<String> texts) {
        return new PreparedBatch(texts, texts.isEmpty() ? new Encoding[0] : tokenizer.batchEncode(texts));
    }

    /**
     * Runs the model on a prepared batch ({@code float[n][dim]}); the caller serialises calls.
     *
     * @param failure turns a failure into the message of the {@link EmbeddingException}
     * @throws EmbeddingException when the model fails
     */
    static float[][] run(Predictor<Encoding[], float[][]> predictor, HuggingFaceTokenizer tokenizer,
                         PreparedBatch batch, Function<Exception, String> failure) throws EmbeddingException {
        List<String> texts = batch.texts();
        if (texts.isEmpty()) {
            return new float[0][];
        }
        try {
            return predictor.predict(batch.encodings() != null ? batch.encodings() : tokenizer.batchEncode(texts));
        } catch (TranslateException | RuntimeException e) {
            throw new EmbeddingException("embedding a batch of " + texts.size() + " texts " + failure.apply(e), e);
        }
    }
}
