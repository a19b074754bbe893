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

    /**
     * One member of a padded encoding on its own, without the padding (the positions whose
     * attention mask is 0): the same ids, mask and types as encoding the text alone, since the
     * tokenizer truncates each text the same way alone or in a batch.
     */
    static EncodedBatch single(Encoding encoding) {
        long[] mask = encoding.getAttentionMask();
        long[] ids = encoding.getIds();
        long[] types = encoding.getTypeIds();
        int n = 0;
        for (long m : mask) {
            n += m != 0 ? 1 : 0;
        }
        if (n == mask.length) {
            return new EncodedBatch(1, n, ids, mask, types);
        }
        long[] i2 = new long[n];
        long[] m2 = new long[n];
        long[] t2 = new long[n];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                i2[j] = ids[i];
                m2[j] = 1;
                t2[j] = types[i];
                j++;
            }
        }
        return new EncodedBatch(1, n, i2, m2, t2);
    }
}
