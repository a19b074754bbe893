package io.alexandria.embedding;

/** How token vectors become one sentence vector. */
public enum Pooling {
    /** The first token's ([CLS]) hidden state, as BGE models are trained. */
    CLS,
    /** The attention-masked mean of all token hidden states (sentence-transformers models). */
    MEAN
}
