package io.alexandria.qdrant;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PayloadAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * A sparse vector as postings: one term per index ({@link PointDocuments#sparseTerm}, 4 bytes
 * big-endian) carrying the weight as a 4-byte payload (float32 bits, big-endian), so that a
 * query reads each of its indices' posting lists front to back with the weights in them, as
 * Qdrant's inverted index (Qdrant 1.18: {@code lib/sparse/src/index/posting_list.rs}).
 */
final class SparseTokenStream extends TokenStream {
    /** Indexed with positions (payloads need them), not stored, no norms. */
    static final FieldType TYPE = new FieldType();

    static {
        TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        TYPE.setTokenized(true);
        TYPE.setOmitNorms(true);
        TYPE.setStored(false);
        TYPE.freeze();
    }

    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final PayloadAttribute payload = addAttribute(PayloadAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final SparseVector vector;
    private int next;

    private SparseTokenStream(SparseVector vector) {
        this.vector = vector;
    }

    /** The indexed field of a sparse vector named by {@code field}. */
    static Field field(String field, SparseVector vector) {
        return new Field(field, new SparseTokenStream(vector), TYPE);
    }

    @Override
    public boolean incrementToken() {
        if (next >= vector.indices().length) {
            return false;
        }
        clearAttributes();
        term.setBytesRef(PointDocuments.sparseTerm(vector.indices()[next]));
        payload.setPayload(new BytesRef(weightBytes(vector.values()[next])));
        increment.setPositionIncrement(1);
        next++;
        return true;
    }

    @Override
    public void reset() {
        next = 0;
    }

    /** A weight as its payload bytes. */
    static byte[] weightBytes(float weight) {
        int bits = Float.floatToRawIntBits(weight);
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /** The weight a payload holds. */
    static float weight(BytesRef payload) {
        byte[] b = payload.bytes;
        int o = payload.offset;
        return Float.intBitsToFloat((b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8
                | (b[o + 3] & 0xff));
    }
}
