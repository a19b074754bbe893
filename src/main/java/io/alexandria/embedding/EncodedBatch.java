package io.alexandria.embedding;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * A tokenised batch as flat row-major {@code long[batch * tokens]} arrays, every row padded to the
 * longest member (the tokenizer pads with id 0 and mask 0).
 *
 * @param batch  rows
 * @param tokens columns (the longest member's token count, special tokens included)
 * @param ids    token ids
 * @param mask   attention mask: 1 for real tokens, 0 for padding
 * @param types  token type ids (all 0 for single sentences)
 */
record EncodedBatch(int batch, int tokens, long[] ids, long[] mask, long[] types) {

    /** Flattens encodings of equal length (as a padding tokenizer returns them). */
    static EncodedBatch of(Encoding[] encodings) {
        int batch = encodings.length;
        int tokens = encodings[0].getIds().length;
        long[] ids = new long[batch * tokens];
        long[] mask = new long[batch * tokens];
        long[] types = new long[batch * tokens];
        for (int i = 0; i < batch; i++) {
            if (encodings[i].getIds().length != tokens) {
                throw new IllegalStateException("the tokenizer did not pad the batch to one length");
            }
            System.arraycopy(encodings[i].getIds(), 0, ids, i * tokens, tokens);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * tokens, tokens);
            System.arraycopy(encodings[i].getTypeIds(), 0, types, i * tokens, tokens);
        }
        return new EncodedBatch(batch, tokens, ids, mask, types);
    }
}
