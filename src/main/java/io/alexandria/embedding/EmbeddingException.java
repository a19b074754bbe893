package io.alexandria.embedding;

/** The model could not be loaded or could not embed a batch (missing files, out of memory…). */
public class EmbeddingException extends Exception {
    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
